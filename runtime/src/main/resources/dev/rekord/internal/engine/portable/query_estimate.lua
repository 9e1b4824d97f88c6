-- query.lua, part 2 of 5: cardinality estimates, which the planner compares without reading ids.

local ids, has -- the ids of a node and the probe of one id: query_probe.lua

local total = nil
local function card()
  if not total then total = compact[ALL] and csCard(ALL) or redis.call('ZCARD', ALL) end
  return total
end

-- How many ids a node has, or an upper bound, without reading them where Redis can count.
local function est(node)
  if node.est then return node.est end
  local op, n = node.op, 0
  if op == PLAN_ALL then
    n = card()
  elseif op == PLAN_SET then
    n = redis.call('ZCARD', node.key)
  elseif op == PLAN_VALUE or op == PLAN_PREFIX then
    if compact[node.key] then
      n = csCount(node.key, false, node.min, node.max)
    else
      n = redis.call('ZLEXCOUNT', node.key, node.min, node.max)
    end
  elseif op == PLAN_RANGE then
    if compact[node.key] then
      n = csCount(node.key, true, node.min, node.max)
    else
      n = redis.call('ZCOUNT', node.key, node.min, node.max)
    end
  elseif op == PLAN_RADIUS or op == PLAN_BOX then
    n = #ids(node)
  elseif op == PLAN_AND then
    n = nil
    for _, child in ipairs(node.children) do
      local c = est(child)
      if n == nil or c < n then n = c end
    end
    n = n or card()
  elseif op == PLAN_OR then
    for _, child in ipairs(node.children) do n = n + est(child) end
  elseif op == PLAN_NOT then
    n = math.max(0, card() - est(node.child))
  end
  node.est = n
  return n
end

-- The expected number of matches: like est, but an 'and' assumes its operands independent.
local function expected(node)
  if node.op ~= PLAN_AND or #node.children < 2 then return est(node) end
  local n, size = card(), math.max(card(), 1)
  for _, child in ipairs(node.children) do n = n * math.min(expected(child), size) / size end
  return n
end

-- The operand of an 'and' to drive from (the smallest estimate), and the others.
local function split(node)
  local best = nil
  for i, child in ipairs(node.children) do
    if best == nil or est(child) < est(node.children[best]) then best = i end
  end
  local rest = {}
  for i, child in ipairs(node.children) do
    if i ~= best then rest[#rest + 1] = child end
  end
  return best and node.children[best] or { op = PLAN_ALL }, rest
end
