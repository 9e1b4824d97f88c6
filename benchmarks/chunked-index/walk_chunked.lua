-- The first ARGV[2] members from ARGV[1] on, chunk after chunk; returns how many.
local dir, start, count = KEYS[1], ARGV[1], tonumber(ARGV[2])
local out = {}
local lb = redis.call('ZRANGE', dir, '[' .. start, '-', 'BYLEX', 'REV', 'LIMIT', 0, 1)[1]
local first = true
while #out < count and lb do
  local rows = first and redis.call('ZRANGE', dir .. ':' .. lb, '[' .. start, '+', 'BYLEX') or redis.call('ZRANGE', dir .. ':' .. lb, 0, -1)
  first = false
  for j = 1, #rows do if #out < count then out[#out + 1] = rows[j] end end
  lb = redis.call('ZRANGE', dir, '(' .. lb, '+', 'BYLEX', 'LIMIT', 0, 1)[1]
end
return #out
