-- The same members in chunks of at most ARGV[3] (at most 128 keeps each a listpack), found through a
-- directory: a sorted set (score 0) of each chunk's lower bound; a full chunk is split in two halves.
-- KEYS[1]: the directory; a chunk is KEYS[1] .. ':' .. its lower bound. ARGV: from, to, chunk size.
local dir = KEYS[1]
local from, to, size = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('EXISTS', dir) == 0 then redis.call('ZADD', dir, 0, '') end
for i = from, to do
  local n = (i * 7919) % 1000003
  local m = 'country-' .. (n % 20) .. '\0m' .. n
  local lb = redis.call('ZRANGE', dir, '[' .. m, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
  local chunk = dir .. ':' .. lb
  redis.call('ZADD', chunk, 0, m)
  if redis.call('ZCARD', chunk) > size then
    local half = math.floor(size / 2)
    local upper = redis.call('ZRANGE', chunk, half, -1)
    redis.call('ZREMRANGEBYRANK', chunk, half, -1)
    local args = {}
    for j = 1, #upper do args[#args + 1] = 0; args[#args + 1] = upper[j] end
    redis.call('ZADD', dir .. ':' .. upper[1], unpack(args))
    redis.call('ZADD', dir, 0, upper[1])
  end
end
return to - from + 1
