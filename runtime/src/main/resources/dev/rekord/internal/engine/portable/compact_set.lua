-- compact_set.lua: a sorted set kept in chunks small enough that Redis stores each as a listpack
-- (~20 bytes an entry instead of the ~100 of a skiplist entry: dict entry, node, member string),
-- for the compact index layout (docs/internals.md, "The compact index layout"). A set named K is:
--   K..'#dir'         a sorted set, every score 0, of each chunk's bound (lexicographic order);
--   K..'#c:'..bound   the chunk: a sorted set of at most CS_MAX entries (score, member), holding
--                     the entries from its bound up to the next chunk's bound;
--   K..'#n'           a hash: each chunk's bound -> how many entries it holds;
--   K..'#gdir'        a sorted set like K#dir of the bounds of groups of consecutive chunks (each
--                     group's bound is its first chunk's; the first group's is '');
--   K..'#gn'          a hash: each group's bound -> how many entries its chunks hold;
--   K..'#count'       how many entries the set holds.
-- Every key begins with K, so they share its hash tag and slot: a script that names K may use them.
-- An entry's bound is its member in a lexicographic set (`scored` false: every score 0, ordered by
-- member, as the engine's '#lex:' and '#ids' sets), else its score in an order-keeping encoding
-- (16 hex digits) followed by its member (ordered by score, then member, as ZADD orders them). The
-- first chunk's bound is '' and stays; a chunk that reaches CS_MAX entries is split in halves, one that
-- falls under CS_LOW is merged into the chunk before it when both fit in one; a group of more than
-- CS_GROUP chunks is split in halves. Counts and offsets add whole groups and whole chunks, so a
-- walk over a range costs about n / 3,000 group steps (groups of 32-64 chunks of 64-128 entries)
-- and up to 2 * CS_GROUP chunk steps.
-- A scored set finds an entry by its score: its caller removes an entry with the score it was added
-- with (the engine's manifests carry it), and never adds a member the set holds with another score.

local CS_MAX = 128 -- zset-max-listpack-entries' default: a chunk of CS_MAX entries is still a listpack
local CS_HALF = 64
local CS_HALF_TEXT = '64' -- a number passed to redis.call is formatted with printf's %.17g: ~2,500 instructions
local CS_LOW = 16
local CS_GROUP = 64

-- 16 hex digits that sort, compared as strings, as the score does as a number (-0 as 0): the IEEE
-- 754 bits big-endian, the sign bit set for a positive score and every bit flipped for a negative
-- one. Text, not the 8 bytes: a chunk's key holds its bound, and a client reads key names as UTF-8.
local function csScoreHex(score)
  if score == 0 then score = 0 end
  local b = { string.byte(struct.pack('>d', score), 1, 8) }
  if b[1] < 128 then
    b[1] = b[1] + 128
  else
    for i = 1, 8 do b[i] = 255 - b[i] end
  end
  return string.format('%02x%02x%02x%02x%02x%02x%02x%02x', unpack(b))
end

-- A scored set's range end (ZCOUNT's syntax: '5', '(5', '-inf', '+inf') as a number, and whether
-- it is excluded.
local function csScoreEnd(text)
  local open = string.byte(text, 1) == 40 -- '('
  if open then text = string.sub(text, 2) end
  local value = tonumber(text)
  if value == nil or value ~= value then error('ERR min or max is not a float: ' .. text) end
  return value, open
end

-- The smallest string above every bound whose first 16 hex digits are `hex`: the next 16 digits.
local function csAfter(hex)
  local b = {}
  for i = 1, 8 do b[i] = tonumber(string.sub(hex, 2 * i - 1, 2 * i), 16) end
  local i = 8
  while i > 0 and b[i] == 255 do
    b[i] = 0
    i = i - 1
  end
  if i == 0 then return nil end -- past every score
  b[i] = b[i] + 1
  return string.format('%02x%02x%02x%02x%02x%02x%02x%02x', unpack(b))
end

-- Whether a sorts before b byte by byte, as ZRANGE BYLEX orders members: Lua's '<' compares by
-- the server's collation locale, which Redis takes from its environment (en_US.UTF-8 sorts 'a'
-- before 'B').
local function csBefore(a, b)
  if a == b then return false end
  local la, lb = #a, #b
  for i = 1, (la < lb and la or lb) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return la < lb
end

local function csBound(scored, score, member)
  if scored then return csScoreHex(tonumber(score)) .. member end
  return member
end

local function csChunk(key, bound)
  return key .. '#c:' .. bound
end

-- The bound of the last chunk that a directory lookup `spec` (ZRANGE BYLEX syntax: '[x', '(x',
-- '+') reaches from above: the chunk holding an entry of bound x, or the last one before x.
local function csChunkAt(key, spec)
  return redis.call('ZRANGE', key .. '#dir', spec, '-', 'BYLEX', 'REV', 'LIMIT', '0', '1')[1]
end

-- How many entries the set holds.
local function csCard(key)
  return tonumber(redis.call('GET', key .. '#count')) or 0
end

-- A WITHSCORES reply (member, score, …) as ZADD takes it (score, member, …).
local function csScoreFirst(entries)
  local args = {}
  for i = 1, #entries, 2 do
    args[i], args[i + 1] = entries[i + 1], entries[i]
  end
  return args
end

-- The bound of the group that holds the chunk at bound `at`.
local function csGroupOf(key, at)
  return redis.call('ZRANGE', key .. '#gdir', '[' .. at, '-', 'BYLEX', 'REV', 'LIMIT', '0', '1')[1]
end

-- The bound of the group after the group at bound `group`, or nil.
local function csGroupAfter(key, group)
  return redis.call('ZRANGE', key .. '#gdir', '(' .. group, '+', 'BYLEX', 'LIMIT', '0', '1')[1]
end

-- Splits the group at bound `group` in halves when it holds more than CS_GROUP chunks.
local function csSplitGroup(key, group)
  local after = csGroupAfter(key, group)
  local to = after and ('(' .. after) or '+'
  local chunks = redis.call('ZLEXCOUNT', key .. '#dir', '[' .. group, to)
  if chunks <= CS_GROUP then return end
  local upper = redis.call('ZRANGE', key .. '#dir', '[' .. group, to, 'BYLEX', 'LIMIT', string.format('%d', math.floor(chunks / 2)), '-1')
  local moved = 0
  for _, size in ipairs(redis.call('HMGET', key .. '#n', unpack(upper))) do moved = moved + tonumber(size) end
  redis.call('ZADD', key .. '#gdir', '0', upper[1])
  redis.call('HSET', key .. '#gn', upper[1], moved)
  redis.call('HINCRBY', key .. '#gn', group, -moved)
end

-- Moves the upper half of a full chunk (at bound `at`, of `size` entries, in the group at bound
-- `group`) to a chunk of its own, in the same group.
local function csSplit(key, scored, at, chunk, size, group)
  local upper = redis.call('ZRANGE', chunk, CS_HALF_TEXT, '-1', 'WITHSCORES')
  local bound = csBound(scored, upper[2], upper[1])
  redis.call('ZADD', csChunk(key, bound), unpack(csScoreFirst(upper)))
  redis.call('ZREMRANGEBYRANK', chunk, CS_HALF_TEXT, '-1')
  redis.call('ZADD', key .. '#dir', '0', bound)
  redis.call('HSET', key .. '#n', at, CS_HALF, bound, size - CS_HALF)
  csSplitGroup(key, group)
end

-- Adds an entry; 1 when it is new, 0 when the set held it. score: its text (ZADD's), '0' in a
-- lexicographic set.
local function csAdd(key, scored, score, member)
  local at = csChunkAt(key, '[' .. csBound(scored, score, member))
  if not at then
    at = ''
    redis.call('ZADD', key .. '#dir', '0', '')
    redis.call('ZADD', key .. '#gdir', '0', '')
  end
  local chunk = csChunk(key, at)
  if redis.call('ZADD', chunk, 'NX', score, member) == 0 then return 0 end
  redis.call('INCR', key .. '#count')
  local group = csGroupOf(key, at)
  redis.call('HINCRBY', key .. '#gn', group, '1')
  local size = redis.call('HINCRBY', key .. '#n', at, '1')
  if size >= CS_MAX then csSplit(key, scored, at, chunk, size, group) end
  return 1
end

-- The chunk at bound `at`, the first of its group, is gone: the group starts at its next chunk, or
-- is gone too when it has none.
local function csRegroup(key, at)
  local count = redis.call('HGET', key .. '#gn', at)
  redis.call('ZREM', key .. '#gdir', at)
  redis.call('HDEL', key .. '#gn', at)
  local nextChunk = redis.call('ZRANGE', key .. '#dir', '(' .. at, '+', 'BYLEX', 'LIMIT', '0', '1')[1]
  local after = csGroupAfter(key, at)
  if nextChunk and (not after or csBefore(nextChunk, after)) then
    redis.call('ZADD', key .. '#gdir', '0', nextChunk)
    redis.call('HSET', key .. '#gn', nextChunk, count)
  end
end

-- Merges the chunk at bound `at` (of `size` entries, in the group at bound `group`) into the one
-- before it when both fit in one.
local function csMerge(key, at, chunk, size, group)
  local before = redis.call('ZRANGE', key .. '#dir', '(' .. at, '-', 'BYLEX', 'REV', 'LIMIT', '0', '1')[1]
  if size > 0 then
    local into = csChunk(key, before)
    if tonumber(redis.call('HGET', key .. '#n', before)) + size >= CS_MAX - CS_LOW then return end
    redis.call('ZADD', into, unpack(csScoreFirst(redis.call('ZRANGE', chunk, '0', '-1', 'WITHSCORES'))))
    redis.call('DEL', chunk)
    redis.call('HINCRBY', key .. '#n', before, size)
    if group == at then -- the entries move to the group before
      redis.call('HINCRBY', key .. '#gn', csGroupOf(key, before), size)
      redis.call('HINCRBY', key .. '#gn', at, -size)
    end
  end
  redis.call('ZREM', key .. '#dir', at)
  redis.call('HDEL', key .. '#n', at)
  if group == at then csRegroup(key, at) end
end

-- Removes an entry (of a scored set: with the score it was added with); 1 when the set held it.
local function csRem(key, scored, score, member)
  local at = csChunkAt(key, '[' .. csBound(scored, score, member))
  if not at then return 0 end
  local chunk = csChunk(key, at)
  if redis.call('ZREM', chunk, member) == 0 then return 0 end
  if redis.call('DECR', key .. '#count') == 0 then
    -- every chunk is empty, so gone
    redis.call('DEL', key .. '#count', key .. '#dir', key .. '#n', key .. '#gdir', key .. '#gn')
    return 1
  end
  local group = csGroupOf(key, at)
  redis.call('HINCRBY', key .. '#gn', group, '-1')
  local size = redis.call('HINCRBY', key .. '#n', at, '-1')
  if at ~= '' and size < CS_LOW then csMerge(key, at, chunk, size, group) end
  return 1
end

-- Whether the set holds the entry (of a scored set: with that score).
local function csHas(key, scored, score, member)
  local at = csChunkAt(key, '[' .. csBound(scored, score, member))
  if not at then return false end
  local held = redis.call('ZSCORE', csChunk(key, at), member)
  return held ~= false and (not scored or tonumber(held) == tonumber(score))
end

-- Where a walk over the range min..max of the set starts and stops (min and max in ZCOUNT's syntax
-- for a scored set, ZLEXCOUNT's for a lexicographic one), as three answers:
-- from, the directory lookup (csChunkAt) of the chunk it starts in — the one holding min's end
-- forwards, max's end backwards (rev);
-- past(bound), whether a chunk with that bound and every one beyond it in the walk's direction
-- holds nothing of the range: forwards a chunk whose bound is above max; backwards, once a chunk is
-- read, when its bound is at or below min (the chunks before it hold only entries below its bound);
-- inside(lower, upper), whether every entry from the bound lower up to the bound upper (nil: no
-- end) lies in the range, so a chunk between them counts whole (false when unsure).
local function csRange(scored, min, max, rev)
  local from, past, startsIn, endsIn
  if scored then
    local low, lowOpen = csScoreEnd(min)
    local high, highOpen = csScoreEnd(max)
    low, high = csScoreHex(low), csScoreHex(high)
    if rev then
      local after = csAfter(high)
      from = highOpen and ('(' .. high) or (after and ('(' .. after) or '+')
      past = function(bound) return not csBefore(low, bound) end
    else
      from = '[' .. low
      past = function(bound)
        local bytes = string.sub(bound, 1, 16)
        return csBefore(high, bytes) or (highOpen and bytes == high)
      end
    end
    startsIn = function(lower)
      if lowOpen then return csBefore(low, string.sub(lower, 1, 16)) end
      return not csBefore(lower, low)
    end
    endsIn = function(upper)
      if not upper then return high == csScoreHex(math.huge) and not highOpen end
      if highOpen then return not csBefore(high, upper) end
      return not csBefore(high, string.sub(upper, 1, 16))
    end
  else
    local low, high = string.sub(min, 2), string.sub(max, 2)
    if rev then
      from = max
      past = function(bound)
        if min == '-' then return false end
        return min == '+' or not csBefore(low, bound)
      end
    else
      from = min == '-' and '[' or (min == '+' and '+' or ('[' .. low))
      past = function(bound)
        if max == '+' then return false end
        if max == '-' then return true end
        return csBefore(high, bound) or (string.byte(max, 1) == 40 and bound == high)
      end
    end
    startsIn = function(lower)
      if min == '-' then return true end
      if min == '+' then return false end
      if string.byte(min, 1) == 40 then return csBefore(low, lower) end
      return not csBefore(lower, low)
    end
    endsIn = function(upper)
      if max == '+' then return true end
      if max == '-' or not upper then return false end
      return not csBefore(high, upper)
    end
  end
  return from, past, function(lower, upper) return startsIn(lower) and endsIn(upper) end
end

-- Calls visit(bound, entries, next bound) for each chunk of the walk csRange describes, in order,
-- until visit returns true: the chunk's bound, how many entries it holds (nil: not read — the
-- first chunk, which a walk often reads only in part), and the bound of the chunk after it in the
-- set's order (nil at the end, and where the walk does not know it). Reads the directory and the
-- chunks' counts CS_WALK chunks at a time, as it goes.
-- byGroups (forwards only): at the first chunk of each group, visit(bound, the group's entries,
-- the next group's bound, true) first; when it answers 'whole', the walk goes on at the next group.
local CS_WALK = 32
local CS_WALK_TEXT = '32'
local function csWalk(key, from, past, rev, visit, byGroups)
  local dir, counts = key .. '#dir', key .. '#n'
  local first = csChunkAt(key, from)
  if not first then return end
  local bounds, sizes, i, upper = { first }, {}, 1, nil
  local groups, groupSizes, g = {}, {}, 1
  local function readGroups(from)
    groups = redis.call('ZRANGE', key .. '#gdir', from, '+', 'BYLEX', 'LIMIT', '0', CS_WALK_TEXT)
    groupSizes = #groups > 0 and redis.call('HMGET', key .. '#gn', unpack(groups)) or {}
    g = 1
  end
  if byGroups and not rev then readGroups('[' .. first) end
  while true do
    local at = bounds[i]
    local jumped = false
    if not rev then
      if at ~= '' and past(at) then return end
      if groups[g] == at then -- the first chunk of a group
        local size = tonumber(groupSizes[g])
        if g == #groups then readGroups('(' .. at) else g = g + 1 end
        local answer = visit(at, size, groups[g], true)
        if answer == true then return end
        if answer == 'whole' then
          if not groups[g] then return end
          bounds, sizes, i, jumped = { groups[g] }, {}, 1, true
        end
      end
      upper = bounds[i + 1]
    end
    if not jumped then
      if visit(at, tonumber(sizes[i]), upper) then return end
      if rev then
        if at == '' or past(at) then return end
        upper = at
      end
      if i < #bounds then
        i = i + 1
      else
        if rev then
          bounds = redis.call('ZRANGE', dir, '(' .. at, '-', 'BYLEX', 'REV', 'LIMIT', '0', CS_WALK_TEXT)
        else
          bounds = redis.call('ZRANGE', dir, '(' .. at, '+', 'BYLEX', 'LIMIT', '0', CS_WALK_TEXT)
        end
        if #bounds == 0 then return end
        sizes, i = redis.call('HMGET', counts, unpack(bounds)), 1
      end
    end
  end
end

-- ZCOUNT (a scored set) or ZLEXCOUNT of the set.
local function csCount(key, scored, min, max)
  local from, past, inside = csRange(scored, min, max, false)
  local count, command = 0, scored and 'ZCOUNT' or 'ZLEXCOUNT'
  csWalk(key, from, past, false, function(at, size, upper, group)
    if size and inside(at, upper) then
      count = count + size
      return group and 'whole'
    end
    if not group then count = count + redis.call(command, csChunk(key, at), min, max) end
  end, true)
  return count
end

-- ZRANGE key start stop BYSCORE (a scored set) or BYLEX [REV] LIMIT offset limit [WITHSCORES] of
-- the set: start and stop as ZRANGE takes them (with REV, the high end first); limit < 0: every
-- entry from offset on. A reversed page deep into the range is read forwards, from the offset its
-- last entry has counted from the low end, and turned round.
local function csRangeBy(key, scored, start, stop, rev, offset, limit, withScores)
  local min, max = start, stop
  if rev then min, max = stop, start end
  local width = withScores and 2 or 1
  if rev and offset > CS_MAX then
    local n = csCount(key, scored, min, max)
    local want = n - offset
    if limit >= 0 and limit < want then want = limit end
    if want <= 0 then return {} end
    local rows = csRangeBy(key, scored, min, max, false, n - offset - want, want, withScores)
    local out = {}
    for j = #rows - width + 1, 1, -width do
      for k = 0, width - 1 do out[#out + 1] = rows[j + k] end
    end
    return out
  end
  local from, past, inside = csRange(scored, min, max, rev)
  local by, count = scored and 'BYSCORE' or 'BYLEX', scored and 'ZCOUNT' or 'ZLEXCOUNT'
  local out = {}
  csWalk(key, from, past, rev, function(at, size, upper, group)
    if group then
      if offset > 0 and size and size <= offset and inside(at, upper) then
        offset = offset - size
        return 'whole'
      end
      return false
    end
    local chunk = csChunk(key, at)
    if offset > 0 then
      local n = size and inside(at, upper) and size or redis.call(count, chunk, min, max)
      if n <= offset then
        offset = offset - n
        return false
      end
    end
    local want = limit < 0 and -1 or (limit - #out / width)
    local args = { chunk, start, stop, by }
    if rev then args[5] = 'REV' end
    args[#args + 1], args[#args + 2], args[#args + 3] = 'LIMIT', string.format('%d', offset), string.format('%d', want)
    if withScores then args[#args + 1] = 'WITHSCORES' end
    local rows = redis.call('ZRANGE', unpack(args))
    offset = 0
    for i = 1, #rows do out[#out + 1] = rows[i] end
    return limit >= 0 and #out >= limit * width
  end, offset > CS_MAX)
  return out
end

-- ZRANGE key start stop [WITHSCORES] of the set, by rank (a negative rank counts from the end).
local function csRangeByRank(key, start, stop, withScores)
  local card = csCard(key)
  if start < 0 then start = math.max(card + start, 0) end
  if stop < 0 then stop = card + stop end
  if stop >= card then stop = card - 1 end
  local out, skip, want = {}, start, stop - start + 1
  if want <= 0 then return out end
  csWalk(key, '[', function() return false end, false, function(at, n, upper, group)
    if group then
      if n and n <= skip then
        skip = skip - n
        return 'whole'
      end
      return false
    end
    local chunk = csChunk(key, at)
    n = n or redis.call('ZCARD', chunk)
    if n <= skip then
      skip = skip - n
      return false
    end
    local last = math.min(n - 1, skip + want - 1)
    local rows
    local from, to = string.format('%d', skip), string.format('%d', last)
    if withScores then
      rows = redis.call('ZRANGE', chunk, from, to, 'WITHSCORES')
    else
      rows = redis.call('ZRANGE', chunk, from, to)
    end
    want = want - (last - skip + 1)
    skip = 0
    for i = 1, #rows do out[#out + 1] = rows[i] end
    return want == 0
  end, start > CS_MAX)
  return out
end

-- One read of the set answered as the plain command answers it of a sorted set holding the same
-- entries: args the command and its arguments after the key, as a client sends them: ZCARD; ZCOUNT
-- min max; ZLEXCOUNT min max; ZRANGE start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count]
-- [WITHSCORES]. For the reads the client and query_node.lua send of one index (compact_read.lua,
-- query_common.lua's indexRead).
local function csCommand(key, args)
  local command = args[1]
  if command == 'ZCARD' then return csCard(key) end
  if command == 'ZCOUNT' then return csCount(key, true, args[2], args[3]) end
  if command == 'ZLEXCOUNT' then return csCount(key, false, args[2], args[3]) end
  if command ~= 'ZRANGE' then error('ERR a compact set answers no ' .. tostring(command)) end
  local by, rev, offset, limit, withScores = nil, false, 0, -1, false
  local i = 4
  while i <= #args do
    local word = args[i]
    if word == 'BYSCORE' or word == 'BYLEX' then
      by = word
    elseif word == 'REV' then
      rev = true
    elseif word == 'LIMIT' then
      offset, limit = tonumber(args[i + 1]), tonumber(args[i + 2])
      i = i + 2
    elseif word == 'WITHSCORES' then
      withScores = true
    else
      error('ERR a compact set answers no ZRANGE argument ' .. tostring(word))
    end
    i = i + 1
  end
  if by then return csRangeBy(key, by == 'BYSCORE', args[2], args[3], rev, offset, limit, withScores) end
  local from, to = tonumber(args[2]), tonumber(args[3])
  if not rev then return csRangeByRank(key, from, to, withScores) end
  -- REV: the ranks counted from the end, read forwards and turned round
  local card = csCard(key)
  if from < 0 then from = math.max(card + from, 0) end
  if to < 0 then to = card + to end
  if from >= card or to < from then return {} end
  if to >= card then to = card - 1 end
  local rows = csRangeByRank(key, card - 1 - to, card - 1 - from, withScores)
  local width, out = withScores and 2 or 1, {}
  for j = #rows - width + 1, 1, -width do
    for k = 0, width - 1 do out[#out + 1] = rows[j + k] end
  end
  return out
end
