-- The first ARGV[2] members from ARGV[1] on, in one ZRANGE; returns how many.
local rows = redis.call('ZRANGE', KEYS[1], '[' .. ARGV[1], '+', 'BYLEX', 'LIMIT', 0, tonumber(ARGV[2]))
return #rows
