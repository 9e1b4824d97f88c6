-- Takes the lock of one document, or says how long its holder still has it.
-- KEYS[1] the lock (a hash: owner, fence), KEYS[2] the bucket's fencing counter.
-- ARGV[1] the caller's owner token, ARGV[2] the lease in milliseconds.
-- Returns {1, fencing token} when the caller holds the lock, {0, milliseconds left} when another does.
-- Idempotent: a retried call by the same owner gets the lock and the token it already has.
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return {1, tonumber(redis.call('HGET', KEYS[1], 'fence'))}
end
if owner then
  return {0, redis.call('PTTL', KEYS[1])}
end
local fence = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'fence', fence)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, fence}
