-- Runs one query over one bucket of a model's portable index: a small interpreter of a plan in
-- prefix notation. Every key it touches is in the bucket (one hash slot).
-- KEYS[1] the bucket's sorted set of all ids (score 0, so in id order); KEYS[2] its sorted set of
-- ids saved with an expiry (while empty, counts need no per-id EXISTS); KEYS[2..] the index keys the plan names by position.
-- ARGV[1] 'ids', 'count' or 'snapshot'; ARGV[2] document key prefix, ARGV[3] manifest key prefix,
-- ARGV[4] offset, ARGV[5] limit (-1: no limit), ARGV[6] '1' to return each id's sort values,
-- ARGV[7] position in KEYS of the snapshot key (0: none), ARGV[8] the snapshot's ttl in ms,
-- ARGV[9] number of sort keys, then per sort key:
-- kind ('z' numeric, 'l' lexicographic), key position, direction ('a' or 'd'), position of the
-- tag's #zero set ('0': none); then the plan:
--   all | none | set k | lexeq k z value | range k min max | prefix k text | geor k lon lat meters
--   | geob k lon lat meters minlon minlat maxlon maxlat | and n c1..cn | or n c1..cn | not c
-- Returns: 'count' the number of matches; 'ids' the page of ids in order, each followed by its
-- sort values when ARGV[6] is '1' ('v' .. score or tag value, or 'n' for null); 'snapshot' writes
-- those rows to the snapshot key (replacing it, with the ttl) and returns the number of ids.
-- Ids whose document no longer exists (expired) are dropped and their index entries removed.
-- Values arrive only here, as arguments; nothing is ever compiled from them.
-- Layout 2 (KeyLayout.LAYOUT_VERSION): tag, token, null and all-id keys are sorted sets with
-- score 0, so each streams in id order (ZRANGE … BYLEX LIMIT) and a page stops early.
-- Layout 3: a single-valued tag has no id set; 'lexeq k z value' is the range of members
-- 'value\0id' of its lexical index k (in id order too); z is the set of ids whose value holds
-- the byte 0 (members of such values can fall in the range and are filtered out; while z is
-- empty ZLEXCOUNT counts the value exactly).

local pos = 10
local function take()
  local v = ARGV[pos]
  pos = pos + 1
  return v
end

-- Byte-wise string order (Lua's '<' follows the server's collation locale).
local function before(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
end

local function idOf(member)
  local cut = nil
  local from = 1
  while true do
    local at = string.find(member, '\0', from, true)
    if not at then break end
    cut = at
    from = at + 1
  end
  return string.sub(member, cut + 1), string.sub(member, 1, cut - 1)
end

local mode, docPrefix, manifestPrefix = ARGV[1], ARGV[2], ARGV[3]
local offset, limit = tonumber(ARGV[4]), tonumber(ARGV[5])
local withValues, snapshotKey, snapshotTtl = ARGV[6] == '1', tonumber(ARGV[7]), ARGV[8]
local nsort = tonumber(ARGV[9])
local sorts = {}
for i = 1, nsort do
  sorts[i] = { kind = take(), key = KEYS[tonumber(take())], desc = take() == 'd' }
  local zero = tonumber(take())
  -- a tag value holding the byte 0 ('a\0b') sorts among 'a\0<id>' members by its id: while the
  -- tag's #zero set holds any, such a sort compares the values themselves (from the manifests)
  sorts[i].byValue = zero > 0 and redis.call('ZCARD', KEYS[zero]) > 0
end

-- A score bound as a number; '+inf'/'-inf' explicitly, so an open infinite bound stays infinite.
local function bound(text)
  if text == '+inf' or text == 'inf' then return math.huge end
  if text == '-inf' then return -math.huge end
  return tonumber(text)
end

local function parse()
  local op = take()
  local node = { op = op }
  if op == 'set' then
    node.key = KEYS[tonumber(take())]
  elseif op == 'lexeq' then
    node.key = KEYS[tonumber(take())]
    node.zero = KEYS[tonumber(take())]
    node.value = take()
    node.min, node.max = '[' .. node.value .. '\0', '(' .. node.value .. '\1'
    node.cut = #node.value + 2
  elseif op == 'range' then
    node.key = KEYS[tonumber(take())]
    node.min = take()
    node.max = take()
    -- numeric bounds, parsed once: lo/hi, and whether each is open
    node.loOpen = string.sub(node.min, 1, 1) == '('
    node.hiOpen = string.sub(node.max, 1, 1) == '('
    node.lo = bound(node.loOpen and string.sub(node.min, 2) or node.min)
    node.hi = bound(node.hiOpen and string.sub(node.max, 2) or node.max)
  elseif op == 'prefix' then
    -- members are 'value\0id'; no UTF-8 text contains the byte 255, so it bounds every match
    node.key = KEYS[tonumber(take())]
    local text = take()
    node.text = text
    if text == '' then
      node.min, node.max = '-', '+'
    else
      node.min, node.max = '[' .. text, '[' .. text .. '\255'
    end
  elseif op == 'geor' or op == 'geob' then
    node.key = KEYS[tonumber(take())]
    node.lon, node.lat, node.r = take(), take(), take()
    if op == 'geob' then
      node.box = { tonumber(take()), tonumber(take()), tonumber(take()), tonumber(take()) }
    end
  elseif op == 'and' or op == 'or' then
    node.children = {}
    for i = 1, tonumber(take()) do
      node.children[i] = parse()
    end
  elseif op == 'not' then
    node.child = parse()
  elseif op ~= 'all' and op ~= 'none' then
    error('unknown plan op ' .. tostring(op))
  end
  return node
end
local root = parse()

local ALL = KEYS[1]
local BASE = string.sub(ALL, 1, -4) -- '{tag}#': index keys and manifest entries start with it

-- The id of a member 'value\0id' of a lexeq node's range, or nil when the member belongs to
-- another value (one holding the byte 0: ids never do).
local function lexId(node, member)
  local id = string.sub(member, node.cut)
  if string.find(id, '\0', 1, true) then return nil end
  return id
end

-- Whether a score lies in a range node's bounds.
local function inRange(node, score)
  if node.loOpen then
    if not (score > node.lo) then return false end
  elseif not (score >= node.lo) then
    return false
  end
  if node.hiOpen then return score < node.hi end
  return score <= node.hi
end

-- ZSCORE, remembered: a probe of a range and the sort value of the same id cost one call.
local scores = {}
local function zscore(key, id)
  local known = scores[key]
  if not known then
    known = {}
    scores[key] = known
  end
  local score = known[id]
  if score == nil then
    score = redis.call('ZSCORE', key, id)
    score = score and tonumber(score) or false
    known[id] = score
  end
  return score
end

local est, ids, has

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
  return best and node.children[best] or { op = 'all' }, rest
end

-- The ids of a list that a node holds, probed in bulk where the index allows: one ZMSCORE per
-- 1000 ids instead of a call per id (scores of a range are remembered for sorting).
local function probeAll(node, list)
  local op = node.op
  if op == 'lexeq' then
    local out, prefix = {}, node.value .. '\0'
    for from = 1, #list, 1000 do
      local to = math.min(#list, from + 999)
      local members = {}
      for i = from, to do members[#members + 1] = prefix .. list[i] end
      local found = redis.call('ZMSCORE', node.key, unpack(members))
      for i = from, to do
        if found[i - from + 1] then out[#out + 1] = list[i] end
      end
    end
    return out
  end
  if op ~= 'set' and op ~= 'all' and op ~= 'range' then
    local out = {}
    for _, id in ipairs(list) do
      if has(node, id) then out[#out + 1] = id end
    end
    return out
  end
  local key = node.key or ALL
  local known = scores[key]
  if not known then
    known = {}
    scores[key] = known
  end
  local out = {}
  for from = 1, #list, 1000 do
    local to = math.min(#list, from + 999)
    local found = redis.call('ZMSCORE', key, unpack(list, from, to))
    for i = from, to do
      local score = found[i - from + 1]
      score = score and tonumber(score) or false
      known[list[i]] = score
      if score and (op ~= 'range' or inRange(node, score)) then
        out[#out + 1] = list[i]
      end
    end
  end
  return out
end

-- The ids of a node, each once.
ids = function(node)
  if node.ids then return node.ids end
  local op, out = node.op, {}
  if op == 'all' then
    out = redis.call('ZRANGE', ALL, 0, -1)
  elseif op == 'set' then
    out = redis.call('ZRANGE', node.key, 0, -1)
  elseif op == 'lexeq' then
    for _, member in ipairs(redis.call('ZRANGE', node.key, node.min, node.max, 'BYLEX')) do
      local id = lexId(node, member)
      if id then out[#out + 1] = id end
    end
  elseif op == 'range' then
    out = redis.call('ZRANGEBYSCORE', node.key, node.min, node.max)
  elseif op == 'prefix' then
    local seen = {}
    for _, member in ipairs(redis.call('ZRANGEBYLEX', node.key, node.min, node.max)) do
      local id = idOf(member)
      if not seen[id] then
        seen[id] = true
        out[#out + 1] = id
      end
    end
  elseif op == 'geor' then
    out = redis.call('GEOSEARCH', node.key, 'FROMLONLAT', node.lon, node.lat, 'BYRADIUS', node.r, 'm')
  elseif op == 'geob' then
    local b = node.box
    local found = redis.call('GEOSEARCH', node.key, 'FROMLONLAT', node.lon, node.lat,
      'BYRADIUS', node.r, 'm', 'WITHCOORD')
    for _, hit in ipairs(found) do
      local lon, lat = tonumber(hit[2][1]), tonumber(hit[2][2])
      if lon >= b[1] and lat >= b[2] and lon <= b[3] and lat <= b[4] then
        out[#out + 1] = hit[1]
      end
    end
  elseif op == 'and' then
    local driver, rest = split(node)
    out = ids(driver)
    for i = 1, #rest do
      if #out == 0 then break end
      out = probeAll(rest[i], out)
    end
  elseif op == 'or' then
    local seen = {}
    for _, child in ipairs(node.children) do
      for _, id in ipairs(ids(child)) do
        if not seen[id] then
          seen[id] = true
          out[#out + 1] = id
        end
      end
    end
  elseif op == 'not' then
    for _, id in ipairs(redis.call('ZRANGE', ALL, 0, -1)) do
      if not has(node.child, id) then out[#out + 1] = id end
    end
  end
  node.ids = out
  return out
end

local total = nil
local function card()
  if not total then total = redis.call('ZCARD', ALL) end
  return total
end

-- How many ids a node has, or an upper bound, without reading them where Redis can count.
est = function(node)
  if node.est then return node.est end
  local op, n = node.op, 0
  if op == 'all' then
    n = card()
  elseif op == 'set' then
    n = redis.call('ZCARD', node.key)
  elseif op == 'lexeq' then
    n = redis.call('ZLEXCOUNT', node.key, node.min, node.max)
  elseif op == 'range' then
    n = redis.call('ZCOUNT', node.key, node.min, node.max)
  elseif op == 'prefix' then
    n = redis.call('ZLEXCOUNT', node.key, node.min, node.max)
  elseif op == 'geor' or op == 'geob' then
    n = #ids(node)
  elseif op == 'and' then
    n = nil
    for _, child in ipairs(node.children) do
      local c = est(child)
      if n == nil or c < n then n = c end
    end
    n = n or card()
  elseif op == 'or' then
    for _, child in ipairs(node.children) do n = n + est(child) end
  elseif op == 'not' then
    n = math.max(0, card() - est(node.child))
  end
  node.est = n
  return n
end

-- The expected number of matches: like est, but an 'and' assumes its operands independent.
local function expected(node)
  if node.op ~= 'and' or #node.children < 2 then return est(node) end
  local n, size = card(), math.max(card(), 1)
  for _, child in ipairs(node.children) do n = n * math.min(expected(child), size) / size end
  return n
end

-- Whether a node holds an id: a direct probe where the index allows one, else a lookup in the
-- node's ids, read once.
has = function(node, id)
  local op = node.op
  if op == 'all' then
    return redis.call('ZSCORE', ALL, id) ~= false
  elseif op == 'none' then
    return false
  elseif op == 'set' then
    return redis.call('ZSCORE', node.key, id) ~= false
  elseif op == 'lexeq' then
    return redis.call('ZSCORE', node.key, node.value .. '\0' .. id) ~= false
  elseif op == 'range' then
    local score = zscore(node.key, id)
    if not score then return false end
    return inRange(node, score)
  elseif op == 'and' then
    for _, child in ipairs(node.children) do
      if not has(child, id) then return false end
    end
    return true
  elseif op == 'or' then
    for _, child in ipairs(node.children) do
      if has(child, id) then return true end
    end
    return false
  elseif op == 'not' then
    return not has(node.child, id)
  end
  if not node.lookup then
    node.lookup = {}
    for _, member in ipairs(ids(node)) do node.lookup[member] = true end
  end
  return node.lookup[id] == true
end

-- Whether the document of an id still exists; if it expired, its index entries are removed.
local alive = {}
local function exists(id)
  local known = alive[id]
  if known ~= nil then return known end
  local yes = redis.call('EXISTS', docPrefix .. id) == 1
  if not yes then
    unindex(manifestPrefix .. id, ALL, id)
  end
  alive[id] = yes
  return yes
end

local function living(list)
  local out = {}
  for _, id in ipairs(list) do
    if exists(id) then out[#out + 1] = id end
  end
  return out
end

-- ---------------------------------------------------------------- streaming with early stop

local out, skipped = {}, 0

-- Takes a matching, living id into the page; true once the page is full.
local function offer(id)
  if skipped < offset then
    skipped = skipped + 1
  else
    out[#out + 1] = id
  end
  return limit >= 0 and #out >= limit
end

-- The members of a sorted set whose scores are all 0, in id (byte-wise) order, a chunk at a time.
local function idStream(key, desc)
  local last, done = nil, false
  return function(n)
    if done then return {} end
    local members
    if desc then
      members = redis.call('ZRANGE', key, last and '(' .. last or '+', '-', 'BYLEX', 'REV', 'LIMIT', 0, n)
    else
      members = redis.call('ZRANGE', key, last and '(' .. last or '-', '+', 'BYLEX', 'LIMIT', 0, n)
    end
    if #members < n then done = true end
    if #members > 0 then last = members[#members] end
    return members
  end
end

-- The ids of a lexeq node, in id order, a chunk at a time (never an empty chunk before the end).
local function lexStream(node)
  local last, done = nil, false
  return function(n)
    local chunk = {}
    while not done and #chunk == 0 do
      local members = redis.call('ZRANGE', node.key, last and '(' .. last or node.min, node.max,
        'BYLEX', 'LIMIT', 0, n)
      if #members < n then done = true end
      if #members > 0 then last = members[#members] end
      for _, member in ipairs(members) do
        local id = lexId(node, member)
        if id then chunk[#chunk + 1] = id end
      end
    end
    return chunk
  end
end

-- The members of a sorted set with ranks lo..hi (ascending ranks), in order, a chunk at a time.
local function rankStream(key, desc, lo, hi)
  local a, b = lo, hi
  if desc then
    local size = redis.call('ZCARD', key)
    a, b = size - 1 - hi, size - 1 - lo
  end
  return function(n)
    if a > b then return {} end
    local stop = math.min(b, a + n - 1)
    local members = redis.call(desc and 'ZREVRANGE' or 'ZRANGE', key, a, stop)
    a = stop + 1
    return members
  end
end

-- Reads a stream, offering each id that passes the probes, until the page is full (true) or the
-- stream ends (false). Chunks start at the page size and grow.
local function drain(stream, probes, lex, seen)
  local chunk = math.max(16, math.min(1024, offset + math.max(limit, 0) + 4))
  if limit < 0 then chunk = 1024 end
  while true do
    local members = stream(chunk)
    if #members == 0 then return false end
    for _, member in ipairs(members) do
      local id = member
      if lex then id = idOf(member) end
      if seen then seen[id] = true end
      local keep = true
      for i = 1, #probes do
        if not has(probes[i], id) then keep = false break end
      end
      if keep and exists(id) and offer(id) then return true end
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

-- A range of the condition on the sort key itself: the root, or an operand of a root 'and'.
local function rangeOn(key)
  if root.op == 'range' and root.key == key then return root end
  if root.op == 'and' then
    for _, child in ipairs(root.children) do
      if child.op == 'range' and child.key == key then return child end
    end
  end
  return nil
end

-- A prefix of the condition on the (lexicographic) sort key itself: the root, or an operand of a
-- root 'and'.
local function prefixOn(key)
  if root.op == 'prefix' and root.key == key then return root end
  if root.op == 'and' then
    for _, child in ipairs(root.children) do
      if child.op == 'prefix' and child.key == key then return child end
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

-- The lexicographic values of ids, from their manifests, each read once: key -> value per id.
local manifests = {}
local function manifestOf(id)
  local values = manifests[id]
  if not values then
    values = {}
    eachEntry(readManifest(manifestPrefix .. id), BASE, id, function(_, key, member, value)
      if value then
        values[key] = value
      elseif member ~= id then -- a pair of layout 3 or earlier
        local _, v = idOf(member)
        values[key] = v
      end
    end)
    manifests[id] = values
  end
  return values
end

-- The value an id has in a lexicographic index, from its manifest (nil: none).
local function lexValue(key, id)
  return manifestOf(id)[key]
end

-- Every match, sorted by the sort keys: nulls last, ties by id in the direction of the last sort
-- key (by id alone without sort keys).
local function pageLiving(list)
  for _, id in ipairs(list) do
    if exists(id) and offer(id) then break end
  end
  return out
end

-- Whether ids(node) comes in id order: read from a sorted set of ids, or filtered from one.
local function idOrdered(node)
  if node.op == 'all' or node.op == 'set' or node.op == 'lexeq' then return true end
  if node.op == 'and' then return idOrdered(split(node)) end
  return false
end

-- Reads the lexicographic values of a list of ids from their manifests into v; false (v then
-- unusable) if a value holds the byte 0 and not withZero (the caller then ranks by the index).
local function lexByManifest(key, list, v, withZero)
  for _, id in ipairs(list) do
    local value = lexValue(key, id)
    if value then
      if not withZero and string.find(value, '\0', 1, true) then return false end
      v[id] = value
    end
  end
  return true
end

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
  for s, key in ipairs(sorts) do
    local v = {}
    if key.kind == 'z' then
      local known, unknown = scores[key.key] or {}, {}
      for _, id in ipairs(list) do
        if known[id] == nil then unknown[#unknown + 1] = id end
      end
      probeAll({ op = 'set', key = key.key }, unknown)
      for _, id in ipairs(list) do
        local score = zscore(key.key, id)
        if score then v[id] = score end
      end
    elseif key.byValue then
      lexByManifest(key.key, list, v, true)
    elseif #list * 4 < redis.call('ZCARD', key.key) and lexByManifest(key.key, list, v, false) then
      -- few matches: their values from their manifests, compared byte-wise (as the index orders
      -- them) instead of ranking the whole index
    else
      v = {}
      local rank, previous, start = 0, nil, 0
      while true do
        local members = redis.call('ZRANGE', key.key, start, start + 4095)
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
    values[s] = v
  end
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
    if root.op == 'and' then driver, rest = split(root) end
    if driver.op == 'set' or driver.op == 'all' then
      drain(idStream(driver.key or ALL, false), rest, false, nil)
      return out
    end
    if driver.op == 'lexeq' then
      drain(lexStream(driver), rest, false, nil)
      return out
    end
    local matches = math.max(expected(root), 1)
    if need >= 0 and need * card() / matches < est(root) then
      drain(idStream(ALL, false), { root }, false, nil)
      return out
    end
    return sortAll()
  end
  if nsort > 1 or sorts[1].byValue then return sortAll() end

  -- one sort key: walk its index in order (within the range the condition puts on it, if any)
  -- and probe the condition, or collect the matches and sort them
  local sort = sorts[1]
  local size = redis.call('ZCARD', sort.key)
  local lo, hi, bound = 0, size - 1, nil
  if sort.kind == 'z' then
    bound = rangeOn(sort.key)
    if bound then lo, hi = ranks(sort.key, bound.min, bound.max) end
  else
    bound = prefixOn(sort.key)
    if bound then lo, hi = lexRanks(sort.key, bound) end
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
  if sort.kind == 'l' then collectCost = collectCost + math.min(size, est(root) * 4) end
  if root.op ~= 'all' and walkCost > collectCost then return sortAll() end

  local seen = nil
  if not bounded then seen = {} end
  -- within the bounds, the bounding range or prefix holds by construction: probe only the rest
  local probes = { root }
  if bounded and root.op == 'and' then
    probes = {}
    for _, child in ipairs(root.children) do
      if child ~= bound then probes[#probes + 1] = child end
    end
  elseif bounded then
    probes = {}
  end
  if drain(rankStream(sort.key, sort.desc, lo, hi), probes, sort.kind == 'l', seen) or bounded then
    return out
  end
  -- ids without a value (null) follow, in id order
  local nulls = {}
  for _, id in ipairs(ids(root)) do
    if not seen[id] and exists(id) then nulls[#nulls + 1] = id end
  end
  table.sort(nulls, sort.desc and function(a, b) return before(b, a) end or before)
  for _, id in ipairs(nulls) do
    if offer(id) then break end
  end
  return out
end

-- The sort values of an id: scores from the numeric index, tag values from the id's manifest.
local function sortValue(key, id)
  if key.kind == 'z' then
    local score = redis.call('ZSCORE', key.key, id)
    if score then return 'v' .. score end
    return 'n'
  end
  local value = lexValue(key.key, id)
  if value then return 'v' .. value end
  return 'n'
end

if mode == 'count' then
  if redis.call('ZCARD', KEYS[2]) == 0 then
    -- no document of the bucket expires, so every indexed id has one: count from the index
    if root.op == 'all' then return card() end
    if root.op == 'set' then return redis.call('ZCARD', root.key) end
    if root.op == 'lexeq' and redis.call('ZCARD', root.zero) == 0 then return est(root) end
    if root.op == 'range' then return redis.call('ZCOUNT', root.key, root.min, root.max) end
    return #ids(root)
  end
  return #living(ids(root))
end

local list = ordered()
local rows = list
if withValues then
  rows = {}
  for _, id in ipairs(list) do
    rows[#rows + 1] = id
    for _, key in ipairs(sorts) do rows[#rows + 1] = sortValue(key, id) end
  end
end
if mode == 'snapshot' then
  local key = KEYS[snapshotKey]
  redis.call('DEL', key)
  for i = 1, #rows, 1000 do
    redis.call('RPUSH', key, unpack(rows, i, math.min(i + 999, #rows)))
  end
  if #rows > 0 then
    redis.call('PEXPIRE', key, snapshotTtl)
  end
  return #list
end
return rows
