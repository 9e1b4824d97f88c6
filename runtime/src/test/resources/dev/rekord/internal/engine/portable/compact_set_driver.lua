-- CompactSetTest's driver of compact_set.lua (joined after it): KEYS[1] the set, ARGV[1] the
-- operation, ARGV[2] '1' for a scored set, then the operation's arguments.
local op, key, scored = ARGV[1], KEYS[1], ARGV[2] == '1'
if op == 'add' then
  local added = 0
  for i = 3, #ARGV, 2 do added = added + csAdd(key, scored, ARGV[i], ARGV[i + 1]) end
  return added
elseif op == 'rem' then
  local removed = 0
  for i = 3, #ARGV, 2 do removed = removed + csRem(key, scored, ARGV[i], ARGV[i + 1]) end
  return removed
elseif op == 'has' then
  return csHas(key, scored, ARGV[3], ARGV[4]) and 1 or 0
elseif op == 'card' then
  return csCard(key)
elseif op == 'count' then
  return csCount(key, scored, ARGV[3], ARGV[4])
elseif op == 'range' then
  return csRangeBy(key, scored, ARGV[3], ARGV[4], ARGV[5] == '1', tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8] == '1')
elseif op == 'before' then
  local answers = {}
  for i = 3, #ARGV, 2 do answers[#answers + 1] = csBefore(ARGV[i], ARGV[i + 1]) and 1 or 0 end
  return answers
elseif op == 'rank' then
  return csRangeByRank(key, tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5] == '1')
end
return redis.error_reply('ERR unknown op ' .. tostring(op))
