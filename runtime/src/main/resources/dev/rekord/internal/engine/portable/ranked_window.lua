-- ranked_window.lua (RankedPages' third round for a numeric range, one bucket; read only): the rows
-- of a range between two rows of the page, found by rank. A row is (score, member); rows of one
-- score come in member order (byte-wise), so a window between two rows of one score is cut inside
-- that score by a binary search over ranks, not read whole.
-- KEYS: the sorted set. ARGV: the range's min and max (as ZCOUNT takes them), the page's direction
-- (DIRECTION_*), the window's first and last row in page order (score, member each), and how many
-- rows to give after the last.
-- Returns: the rows of the range before the first row (in page order), the rows from the first row
-- to the last, then the members and scores of those rows and of up to that many more, in page order.
local key = KEYS[1]
local min, max = ARGV[1], ARGV[2]
local descending = ARGV[3] == DIRECTION_DESC
local firstScore, firstMember, lastScore, lastMember = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local after = tonumber(ARGV[8])

-- How many members come before the row (score, member) in ascending order.
local function rankOf(score, member)
  local low = redis.call('ZCOUNT', key, '-inf', '(' .. score)
  local high = low + redis.call('ZCOUNT', key, score, score)
  while low < high do
    local middle = math.floor((low + high) / 2)
    if before(redis.call('ZRANGE', key, middle, middle)[1], member) then
      low = middle + 1
    else
      high = middle
    end
  end
  return low
end

-- How many members come before the row, or are it.
local function rankThrough(score, member)
  local rank = rankOf(score, member)
  local row = redis.call('ZRANGE', key, rank, rank, 'WITHSCORES')
  if row[1] == member and tonumber(row[2]) == tonumber(score) then
    return rank + 1
  end
  return rank
end

-- The range in ascending ranks: [start, stop).
local start = 0
if min ~= '-inf' then
  start = redis.call('ZCOUNT', key, '-inf', string.sub(min, 1, 1) == '(' and string.sub(min, 2) or '(' .. min)
end
local stop = redis.call('ZCOUNT', key, '-inf', max)

local reply
if descending then
  -- in ascending order the window runs from its last row (the least) to its first
  local from = math.max(rankOf(lastScore, lastMember), start)
  local to = math.min(rankThrough(firstScore, firstMember), stop)
  reply = {stop - to, math.max(to - from, 0)}
  local low = math.max(from - after, start)
  if low < to then
    local rows = redis.call('ZRANGE', key, low, to - 1, 'WITHSCORES')
    for i = #rows - 1, 1, -2 do
      reply[#reply + 1] = rows[i]
      reply[#reply + 1] = rows[i + 1]
    end
  end
else
  local from = math.max(rankOf(firstScore, firstMember), start)
  local to = math.min(rankThrough(lastScore, lastMember), stop)
  reply = {from - start, math.max(to - from, 0)}
  local high = math.min(to + after, stop)
  if from < high then
    local rows = redis.call('ZRANGE', key, from, high - 1, 'WITHSCORES')
    for i = 1, #rows do
      reply[#reply + 1] = rows[i]
    end
  end
end
return reply
