-- Releases a lock its owner still holds. KEYS[1] the lock; ARGV[1] owner token.
-- Returns 1 when released, 0 when the caller no longer held it. Idempotent.
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
