-- ranked_window.lua (RankedPages' third round for a numeric range, one bucket; read only): the rows
-- of a range between two rows of the page, found by rank. A row is (score, member); rows of one
-- score come in member order (byte-wise), so a window between two rows of one score is cut inside
-- that score by a binary search over ranks, not read whole.
-- KEYS: the sorted set (in the compact layout: the compact set's name, then its directory, so that
-- while its slot migrates the call runs on neither node; read through compact_set.lua). ARGV: the range's min and max (as ZCOUNT takes them), the page's direction
-- (DIRECTION_*), the window's first and last row in page order (score, member each), and how many
-- rows to give after the last.
-- Returns: the rows of the range before the first row (in page order), the rows from the first row
-- to the last, then those rows and up to that many more, in page order: their one score and their
-- members when they share one score, else '' and each member with its score.
local key = KEYS[1]
local min, max = ARGV[1], ARGV[2]
local descending = ARGV[3] == DIRECTION_DESC
local firstScore, firstMember, lastScore, lastMember = ARGV[4], ARGV[5], ARGV[6], ARGV[7]
local after = tonumber(ARGV[8])

-- ZCOUNT, and ZRANGE by rank, of the set (a compact set in the compact layout).
local function count(low, high)
  return indexRead(COMPACT_LAYOUT, key, 'ZCOUNT', low, high)
end
local function byRank(low, high, withScores)
  if withScores then return indexRead(COMPACT_LAYOUT, key, 'ZRANGE', low, high, 'WITHSCORES') end
  return indexRead(COMPACT_LAYOUT, key, 'ZRANGE', low, high)
end

-- The ranks (ascending) of the members with score: [from, to).
local ties = {}
local function scoreRanks(score)
  local known = ties[score]
  if not known then
    local from = count('-inf', '(' .. score)
    known = {from, from + count(score, score)}
    ties[score] = known
  end
  return known[1], known[2]
end

-- How many members come before the row (score, member) in ascending order, or (through) before it
-- or are it.
local function rankOf(score, member, through)
  local low, high = scoreRanks(score)
  while low < high do
    local middle = math.floor((low + high) / 2)
    local at = byRank(middle, middle, false)[1]
    if (through and not before(member, at)) or (not through and before(at, member)) then
      low = middle + 1
    else
      high = middle
    end
  end
  return low
end

-- The range in ascending ranks: [start, stop), counted in this call (not taken from the client's first
-- round) so that the rows before the window and the window itself describe one state of the set.
local start = 0
if min ~= '-inf' then
  start = count('-inf', string.sub(min, 1, 1) == '(' and string.sub(min, 2) or '(' .. min)
end
local stop = count('-inf', max)

-- In ascending order the window runs from its least row to its greatest: the first row of an
-- ascending page, the last of a descending one.
local from, to
if descending then
  from = math.max(rankOf(lastScore, lastMember, false), start)
  to = math.min(rankOf(firstScore, firstMember, true), stop)
else
  from = math.max(rankOf(firstScore, firstMember, false), start)
  to = math.min(rankOf(lastScore, lastMember, true), stop)
end

-- The rows in ascending ranks [low, high), in page order: members alone when they share one score
-- (then it comes first; half the strings to move), else members and scores ('' first).
local function rowsBetween(low, high)
  local reply
  local score = lastScore == firstScore and lastScore
  if score then
    local tieFrom, tieTo = scoreRanks(score)
    score = tieFrom <= low and high <= tieTo and score
  end
  local rows
  if low >= high then
    return {''} -- (ZRANGE 0 -1 would be every member)
  elseif score then
    reply = {score}
    rows = byRank(low, high - 1, false)
  else
    reply = {''}
    rows = byRank(low, high - 1, true)
  end
  local step = score and 1 or 2
  if descending then
    for i = #rows - step + 1, 1, -step do
      for j = i, i + step - 1 do
        reply[#reply + 1] = rows[j]
      end
    end
  else
    for i = 1, #rows do
      reply[#reply + 1] = rows[i]
    end
  end
  return reply
end

local before, within, rows
if descending then
  before, within = stop - to, math.max(to - from, 0)
  rows = rowsBetween(math.max(from - after, start), to)
else
  before, within = from - start, math.max(to - from, 0)
  rows = rowsBetween(from, math.min(to + after, stop))
end
table.insert(rows, 1, within)
table.insert(rows, 1, before)
return rows
