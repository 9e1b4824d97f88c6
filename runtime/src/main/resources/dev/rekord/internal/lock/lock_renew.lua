-- Extends a lock its owner still holds. KEYS[1] the lock; ARGV[1] owner token, ARGV[2] lease in ms.
-- Returns 1 when renewed, 0 when the caller no longer holds it (its lease ran out).
if redis.call('HGET', KEYS[1], 'owner') == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
