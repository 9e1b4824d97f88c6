-- query.lua, part 4 of 5: the page — streaming an index in order with an early stop, or collecting
-- the matches and sorting them, whichever the estimates say reads less.

local out, skipped = {}, 0

-- The reads of a sorted set below go through compact_set.lua where it is a compact one (compact[key]),
-- written out at each call, not as a function of their own: every function a script defines is a
-- closure built on each call, compact or not.

-- Takes a matching id into the page if its document lives (skipped ones are checked only until
-- the sweep of expired ids is complete: then every indexed id lives); true once the page is full.
local function offer(id)
  if skipped < offset then
    if swept or stillExists(id) then skipped = skipped + 1 end
    return false
  end
  if not exists(id) then return false end
  out[#out + 1] = id
  return limit >= 0 and #out >= limit
end

-- The members of a sorted set with ranks lo..hi (ascending ranks), in order, a chunk at a time:
-- a function reading the next n, and one skipping n (O(log n): ZRANGE by rank starts anywhere).
local function rankStream(key, desc, lo, hi)
  local a, b = lo, hi
  if desc then
    local size = redis.call('ZCARD', key)
    a, b = size - 1 - hi, size - 1 - lo
  end
  local function read(n)
    if a > b then return {} end
    local stop = math.min(b, a + n - 1)
    local members = redis.call(desc and 'ZREVRANGE' or 'ZRANGE', key, a, stop)
    a = stop + 1
    return members
  end
  local function skip(n)
    a = a + n
  end
  return read, skip
end

-- The members of a compact set between min and max (csRangeBy's: ZCOUNT's syntax when scored, else
-- ZLEXCOUNT's), in order (descending: from max), as rankStream's two functions: a read starts at
-- the offset of the members read and skipped so far, which the set skips by its counts; no count
-- or rank of the range is needed first.
local function rangeStream(key, scored, min, max, desc)
  local at = 0
  local start, stop = min, max
  if desc then start, stop = max, min end -- ZRANGE … REV takes the high end first
  local function read(n)
    local members = csRangeBy(key, scored, start, stop, desc, at, n, false)
    at = at + #members
    return members
  end
  local function skip(n)
    at = at + n
  end
  return read, skip
end

-- The members of a sorted set whose scores are all 0, in id (byte-wise) order.
local function idStream(key)
  if compact[key] then return rangeStream(key, false, '-', '+', false) end
  return rankStream(key, false, 0, redis.call('ZCARD', key) - 1)
end

-- The members 'value\0id' of a value node, in id order: the ranks from the first member of the
-- value (the count of members before it) on, as many as the value has.
local function valueStream(node)
  if compact[node.key] then return rangeStream(node.key, false, node.min, node.max, false) end
  local lo = redis.call('ZLEXCOUNT', node.key, '-', '(' .. node.value .. '\0')
  return rankStream(node.key, false, lo, lo + est(node) - 1)
end

-- Reads a stream, offering each id that passes the probes, until the page is full (true) or the
-- stream ends (false). Chunks start at the page size and grow. Members of a lexicographic index
-- ('value\0id') when lex. Without probes every member matches, so once the sweep is complete the
-- offset is skipped by rank: a deep page reads only its own rows.
local function drain(read, skip, probes, lex, seen)
  -- every member a row (no probe, no expired id left: swept, none to remember): the offset is
  -- skipped by rank, and without documents to read each id goes straight to the page (offer's
  -- checks would all pass, at about a third of a row's cost on a long stream)
  local every = #probes == 0 and swept and not seen
  local plain = every and mode ~= MODE_DOCUMENTS
  if every and skipped < offset then
    skip(offset - skipped)
    skipped = offset
  end
  local chunk = math.max(16, math.min(1024, offset - skipped + math.max(limit, 0) + 4))
  if limit < 0 then chunk = 1024 end
  local n = #out
  while true do
    local members = read(chunk)
    if #members == 0 then return false end
    for _, member in ipairs(members) do
      local id = member
      if lex then id = string.sub(member, string.find(member, '\0', 1, true) + 1) end
      if plain then
        n = n + 1
        out[n] = id
        if limit >= 0 and n >= limit then return true end
      else
        if seen then seen[id] = true end
        local keep = true
        for i = 1, #probes do
          if not has(probes[i], id) then keep = false break end
        end
        if keep and offer(id) then return true end
      end
    end
    chunk = math.min(chunk * 2, 4096)
  end
end

-- The rank bounds (lo, hi) in a numeric sorted set of the scores of a range.
local function ranks(key, min, max)
  local lo = 0
  if min ~= '-inf' then
    if string.sub(min, 1, 1) == '(' then
      lo = redis.call('ZCOUNT', key, '-inf', string.sub(min, 2))
    else
      lo = redis.call('ZCOUNT', key, '-inf', '(' .. min)
    end
  end
  return lo, redis.call('ZCOUNT', key, '-inf', max) - 1
end

-- A node of the given op on the sort key itself: the root, or an operand of a root 'and' (a
-- range bounds a numeric walk, a prefix a lexicographic one).
local function boundOn(op, key)
  if root.op == op and root.key == key then return root end
  if root.op == PLAN_AND then
    for _, child in ipairs(root.children) do
      if child.op == op and child.key == key then return child end
    end
  end
  return nil
end

-- The rank bounds (lo, hi) in a lexicographic sorted set of the members a prefix node matches.
local function lexRanks(key, node)
  local lo = 0
  if node.text ~= '' then
    lo = redis.call('ZLEXCOUNT', key, '-', '(' .. node.text)
  end
  return lo, lo + est(node) - 1
end

-- Offers the living ids of a list, in its order, until the page is full.
local function pageLiving(list)
  for _, id in ipairs(list) do
    if offer(id) then break end
  end
  return out
end

-- Whether ids(node) comes in id order: read from a sorted set of ids, or filtered from one.
local function idOrdered(node)
  if node.op == PLAN_ALL or node.op == PLAN_SET or node.op == PLAN_VALUE then return true end
  if node.op == PLAN_AND then return idOrdered(split(node)) end
  return false
end

-- The sort values of a list of ids for one sort key: scores, or ranks / values of a tag. The
-- escaped values compare byte-wise in the order of the values themselves.
local function sortValues(key, list, wanted)
  local v = {}
  if key.index == SORT_INDEX_SCORE then
    local known, unknown = scores[key.key] or {}, {}
    for _, id in ipairs(list) do
      if known[id] == nil then unknown[#unknown + 1] = id end
    end
    probeAll({ op = PLAN_SET, key = key.key }, unknown)
    for _, id in ipairs(list) do
      local score = zscore(key.key, id)
      if score then v[id] = score end
    end
  elseif #list * 4 < (compact[key.key] and csCard(key.key) or redis.call('ZCARD', key.key)) then
    -- few matches: their values from their manifests instead of ranking the whole index
    for _, id in ipairs(list) do v[id] = manifestValue(key.key, id) end
  else
    local rank, previous, start = 0, nil, 0
    while true do
      local members
      if compact[key.key] then
        members = csRangeByRank(key.key, start, start + 4095, false)
      else
        members = redis.call('ZRANGE', key.key, start, start + 4095)
      end
      if #members == 0 then break end
      start = start + #members
      for _, member in ipairs(members) do
        local id, value = idOf(member)
        if value ~= previous then
          rank = rank + 1
          previous = value
        end
        if wanted[id] then v[id] = rank end
      end
    end
  end
  return v
end

-- Every match, sorted by the sort keys: nulls last, ties by id in the direction of the last sort
-- key (by id alone without sort keys).
local function sortAll()
  local list = {}
  for i, id in ipairs(ids(root)) do list[i] = id end
  if nsort == 0 then
    table.sort(list, before)
    return pageLiving(list)
  end
  local wanted = {}
  for _, id in ipairs(list) do wanted[id] = true end
  local values = {}
  for s, key in ipairs(sorts) do values[s] = sortValues(key, list, wanted) end
  local lastDesc = sorts[#sorts].desc
  -- ties by id: a list read from an id-ordered index is in id order already, so positions
  -- compare as the ids do (and far faster than byte by byte in Lua)
  local position = nil
  if idOrdered(root) then
    position = {}
    for i, id in ipairs(list) do position[id] = i end
  end
  table.sort(list, function(a, b)
    for s, key in ipairs(sorts) do
      local x, y = values[s][a], values[s][b]
      if x ~= y then
        if x == nil then return false end
        if y == nil then return true end
        if type(x) == 'string' then
          if key.desc then return before(y, x) end
          return before(x, y)
        end
        if key.desc then return x > y end
        return x < y
      end
    end
    if position then
      if lastDesc then return position[b] < position[a] end
      return position[a] < position[b]
    end
    if lastDesc then return before(b, a) end
    return before(a, b)
  end)
  return pageLiving(list)
end

-- The planner: the matching ids in order, paged. It streams an index in the requested order and
-- stops once the page is full where that is expected to read fewer ids than collecting every
-- match and sorting (the cardinality estimates decide); otherwise it collects and sorts.
local function ordered()
  local need = limit < 0 and -1 or offset + limit
  if nsort == 0 then
    -- id order: stream the driving tag (or the set of all ids) in id order, probe the rest
    local driver, rest = root, {}
    if root.op == PLAN_AND then driver, rest = split(root) end
    if driver.op == PLAN_SET or driver.op == PLAN_ALL then
      local read, skip = idStream(driver.key or ALL)
      drain(read, skip, rest, false, nil)
      return out
    end
    if driver.op == PLAN_VALUE then
      local read, skip = valueStream(driver)
      drain(read, skip, rest, true, nil)
      return out
    end
    local matches = math.max(expected(root), 1)
    if need >= 0 and need * card() / matches < est(root) then
      local read, skip = idStream(ALL)
      drain(read, skip, { root }, false, nil)
      return out
    end
    return sortAll()
  end
  if nsort > 1 then return sortAll() end

  -- one sort key: walk its index in order (within the range the condition puts on it, if any)
  -- and probe the condition, or collect the matches and sort them
  local sort = sorts[1]
  local lexical = sort.index == SORT_INDEX_VALUE
  local size = (compact[sort.key] and csCard(sort.key) or redis.call('ZCARD', sort.key))
  local lo, hi = 0, size - 1
  local bound = boundOn(lexical and PLAN_PREFIX or PLAN_RANGE, sort.key)
  if bound and compact[sort.key] then
    hi = est(bound) - 1 -- a compact set is streamed by the bound's range (rangeStream), not by rank
  elseif bound and lexical then
    lo, hi = lexRanks(sort.key, bound)
  elseif bound then
    lo, hi = ranks(sort.key, bound.min, bound.max)
  end
  local bounded = bound ~= nil
  local walkSize = math.max(0, hi - lo + 1)
  local matches = math.max(expected(root), 1)
  local walkCost = walkSize
  if need >= 0 then walkCost = math.min(walkSize, need * walkSize / matches) end
  -- measured on Redis 7.0: an id walked costs about 3 units (its share of a ZRANGE, a ZSCORE probe),
  -- an id collected about 4 (ZRANGE, ZMSCORE, Lua tables), plus sorting the matches
  -- (geo operands are estimated by running the search, so est is their exact count)
  local collectCost = est(root) * 4 / 3
  -- lexicographic values: ranked by reading the whole index, or read from the manifests of few
  -- matches (a call each, about 4 ids of the index read)
  if lexical then collectCost = collectCost + math.min(size, est(root) * 4) end
  if root.op ~= PLAN_ALL and walkCost > collectCost then return sortAll() end

  local seen = nil
  if not bounded then seen = {} end
  -- within the bounds, the bounding range or prefix holds by construction: probe only the rest
  local probes = { root }
  if bounded and root.op == PLAN_AND then
    probes = {}
    for _, child in ipairs(root.children) do
      if child ~= bound then probes[#probes + 1] = child end
    end
  elseif bounded then
    probes = {}
  end
  local read, skip
  if compact[sort.key] then
    local min, max = lexical and '-' or '-inf', lexical and '+' or '+inf'
    if bound then min, max = bound.min, bound.max end
    read, skip = rangeStream(sort.key, not lexical, min, max, sort.desc)
  else
    read, skip = rankStream(sort.key, sort.desc, lo, hi)
  end
  if drain(read, skip, probes, lexical, seen) or bounded then
    return out
  end
  -- ids without a value (null) follow, in id order
  local nulls = {}
  for _, id in ipairs(ids(root)) do
    if not seen[id] then nulls[#nulls + 1] = id end
  end
  table.sort(nulls, sort.desc and function(a, b) return before(b, a) end or before)
  for _, id in ipairs(nulls) do
    if offer(id) then break end
  end
  return out
end
