-- One sorted set (the layout today): members "country-<k>\0m<n>", score 0, in a scattered order.
-- KEYS[1]: the set. ARGV: from, to (member numbers).
local from, to = tonumber(ARGV[1]), tonumber(ARGV[2])
for i = from, to do
  local n = (i * 7919) % 1000003
  redis.call('ZADD', KEYS[1], 0, 'country-' .. (n % 20) .. '\0m' .. n)
end
return to - from + 1
