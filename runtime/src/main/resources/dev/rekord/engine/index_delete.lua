-- Deletes one document and every index entry its manifest names.
-- KEYS[1] document, KEYS[2] manifest, KEYS[3] sorted set of all ids; ARGV[1] id.
-- Returns 1 if the document existed, else 0.
local old = redis.call('LRANGE', KEYS[2], 0, -1)
for i = 1, #old, 2 do
  local key = string.sub(old[i], 2)
  if string.sub(old[i], 1, 1) == 's' then -- layout 1
    redis.call('SREM', key, old[i + 1])
  else
    redis.call('ZREM', key, old[i + 1])
  end
end
redis.call('DEL', KEYS[2])
redis.call('ZREM', KEYS[3], ARGV[1])
return redis.call('DEL', KEYS[1])
