-- compact-set.sh's driver, joined after runtime's compact_set.lua: KEYS[1] the set; ARGV[1] the
-- operation, ARGV[2] the layout ('plain': one sorted set, 'compact': compact_set.lua), ARGV[3] the
-- shape ('tag': members 'country-<k>\0m<n>', score 0; 'num': members 'm<n>', scores 18..99;
-- 'ids': members 'm<n>', score 0), then the operation's arguments:
--   load <from> <to>         the entries of n = i * 999983 mod 1,000,000 for i in from..to
--                            (a scattered order), 1-based n
--   count <value>            the entries of one tag value (tag), of ages 30..40 (num), all (ids)
--   page <value> <offset>    20 entries of that range from offset (plain: by rank, as the engine)
--   zrange <value> <offset>  the same page of the plain set by ZRANGE … BYLEX/BYSCORE LIMIT
--   write <n>                one entry added, then removed
--   encodings                per encoding, how many chunks have it (compact)
local key, op, compact, shape = KEYS[1], ARGV[1], ARGV[2] == 'compact', ARGV[3]
local scored = shape == 'num'

local function entry(n)
  if shape == 'tag' then return '0', 'country-' .. (n * 7919 % 50) .. '\0m' .. n end
  if shape == 'num' then return tostring(18 + n * 7919 % 82), 'm' .. n end
  return '0', 'm' .. n
end

-- the range a count or page reads, as ZCOUNT / ZLEXCOUNT take it
local function range(value)
  if shape == 'tag' then return '[' .. value .. '\0', '(' .. value .. '\1' end
  if shape == 'num' then return '30', '40' end
  return '-', '+'
end

if op == 'load' then
  for i = tonumber(ARGV[4]), tonumber(ARGV[5]) do
    local score, member = entry(i * 999983 % 1000000 + 1)
    if compact then csAdd(key, scored, score, member) else redis.call('ZADD', key, score, member) end
  end
  return 'OK'
elseif op == 'count' then
  local min, max = range(ARGV[4])
  if compact then
    if shape == 'ids' then return csCard(key) end
    return csCount(key, scored, min, max)
  end
  if shape == 'ids' then return redis.call('ZCARD', key) end
  return redis.call(scored and 'ZCOUNT' or 'ZLEXCOUNT', key, min, max)
elseif op == 'page' then
  local min, max = range(ARGV[4])
  local offset = tonumber(ARGV[5])
  if compact then return csRangeBy(key, scored, min, max, false, offset, 20, false) end
  -- as the engine reads a plain index: the range's first rank counted, then a page by rank
  local first = 0
  if shape == 'tag' then first = redis.call('ZLEXCOUNT', key, '-', '(' .. ARGV[4] .. '\0') end
  if shape == 'num' then first = redis.call('ZCOUNT', key, '-inf', '(' .. min) end
  return redis.call('ZRANGE', key, first + offset, first + offset + 19)
elseif op == 'zrange' then
  local min, max = range(ARGV[4])
  return redis.call('ZRANGE', key, min, max, scored and 'BYSCORE' or 'BYLEX', 'LIMIT', tonumber(ARGV[5]), 20)
elseif op == 'write' then
  local score, member = entry(tonumber(ARGV[4]))
  member = 'x' .. member
  if compact then
    csAdd(key, scored, score, member)
    return csRem(key, scored, score, member)
  end
  redis.call('ZADD', key, score, member)
  return redis.call('ZREM', key, member)
elseif op == 'encodings' then
  local count = {}
  for _, bound in ipairs(redis.call('ZRANGE', key .. '#dir', 0, -1)) do
    local encoding = redis.call('OBJECT', 'ENCODING', key .. '#c:' .. bound)
    count[encoding] = (count[encoding] or 0) + 1
  end
  local out = {}
  for encoding, n in pairs(count) do out[#out + 1] = encoding .. ' ' .. n end
  return table.concat(out, ', ')
end
return redis.error_reply('ERR unknown op ' .. tostring(op))
