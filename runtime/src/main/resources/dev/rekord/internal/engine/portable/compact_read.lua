-- compact_read.lua (after compact_set.lua): one read of a compact set answered as the plain command
-- answers it of a sorted set, for the client's plain-command reads of one index (DirectReads,
-- RankedPages) in the compact layout.
-- KEYS[1] the set's name (never a key), KEYS[2] its directory: declared together, so that while
-- the set's slot migrates Redis runs the call on neither node (a call sent on to the target by ASK
-- would read there, as empty, the chunks not yet moved) and the client retries it.
-- ARGV the command and its arguments as the client would send them: ZCARD; ZCOUNT min max;
-- ZLEXCOUNT min max; ZRANGE start stop [BYSCORE | BYLEX] [REV] [LIMIT offset count] [WITHSCORES].
local key, command = KEYS[1], ARGV[1]
if command == 'ZCARD' then return csCard(key) end
if command == 'ZCOUNT' then return csCount(key, true, ARGV[2], ARGV[3]) end
if command == 'ZLEXCOUNT' then return csCount(key, false, ARGV[2], ARGV[3]) end
if command ~= 'ZRANGE' then return redis.error_reply('ERR compact_read reads no ' .. tostring(command)) end
local by, rev, offset, limit, withScores = nil, false, 0, -1, false
local i = 4
while i <= #ARGV do
  local word = ARGV[i]
  if word == 'BYSCORE' or word == 'BYLEX' then
    by = word
  elseif word == 'REV' then
    rev = true
  elseif word == 'LIMIT' then
    offset, limit = tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
    i = i + 2
  elseif word == 'WITHSCORES' then
    withScores = true
  else
    return redis.error_reply('ERR compact_read: unknown ZRANGE argument ' .. word)
  end
  i = i + 1
end
if not by then
  local from, to = tonumber(ARGV[2]), tonumber(ARGV[3])
  if not rev then return csRangeByRank(key, from, to, withScores) end
  -- REV: the ranks counted from the end, read forwards and turned round
  local card = csCard(key)
  if from < 0 then from = math.max(card + from, 0) end
  if to < 0 then to = card + to end
  if from >= card or to < from then return {} end
  if to >= card then to = card - 1 end
  local rows = csRangeByRank(key, card - 1 - to, card - 1 - from, withScores)
  local width, out = withScores and 2 or 1, {}
  for j = #rows - width + 1, 1, -width do
    for k = 0, width - 1 do out[#out + 1] = rows[j + k] end
  end
  return out
end
return csRangeBy(key, by == 'BYSCORE', ARGV[2], ARGV[3], rev, offset, limit, withScores)
