-- query_node.lua: one query over every bucket of a model that one node serves, in one call.
-- EngineScripts joins it after '#!lua flags=allow-cross-slot-keys,allow-oom' (the buckets' keys
-- are in several slots of this node; a server out of memory runs it, as it runs query.lua), the whole of query.lua wrapped as the function
-- bucketQuery(KEYS, ARGV), and query_common.lua. Arguments built by ScriptCalls.nodeQuery:
-- KEYS the first bucket's keys (its query.lua call's), which route the call to the node; the other
-- buckets' keys are reached undeclared, which the flag allows while this node serves their slots.
-- Declared whole, so that while the first bucket's slot migrates Redis runs the call only on a node
-- that holds every one of them (else TRYAGAIN): a call sent on by ASK to the slot's target would
-- otherwise read there, as empty, the keys that have not arrived yet. Another bucket's key read
-- here while its slot migrates away fails the call when it has moved (ASK inside a script is an
-- error), so that bucket is asked alone.
-- ARGV[1] the rows wanted, N (offset + limit of the page; -1: every row); ARGV[2] the rows asked of
-- each bucket first (at most N; -1: every row); ARGV[3] how many of the first rows to return with
-- their documents (0: none; -1: no merge, each bucket's first ARGV[2] rows apart); ARGV[4] the
-- number of buckets; then the first bucket's call
-- (ScriptCalls.query: MODE_IDS from offset 0 with sort values when sorted, or MODE_COUNT): the
-- number of its ARGV and those (its KEYS are this call's); then each bucket's hash tag,
-- the first bucket's first. The buckets' calls differ only in their tags (ScriptCalls.nodeQuery
-- checks it), which begin every key and the query's arguments 2-4 (the document, manifest and
-- index prefixes): another bucket's are the first's with its tag in front.
-- Returns { failed, result }: failed, the positions (from 1) of the buckets whose call failed (a key
-- of theirs is no longer served here: the slot moved or is moving; the client asks those buckets
-- alone, where redirections are followed); result, the sum of the buckets' counts (MODE_COUNT), or
-- the first N rows of all the buckets in the query's order (query.lua's rows: the id, then its sort
-- values; then, when ARGV[3] > 0, its document, false after the first ARGV[3] rows). With ARGV[3]
-- -1: { failed, rows of bucket 1, rows of bucket 2, ... } (a failed bucket's empty), which the
-- client merges (NodeFanOut.spreadRows): the page of a query over several nodes, whose rows and
-- documents only the client can tell.
--
-- Exact with fewer rows asked: a bucket that returned fewer than it was asked has no more; one
-- whose last row is after the N-th merged row has none among the first N (its later rows come
-- after its last). Every other bucket is asked again for N rows, once: the N-th row can only
-- move earlier then, so the buckets that were not asked again stay after it.

local need, first, withDocuments = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local count = tonumber(ARGV[4])
local nkeys = #KEYS
local A = 5 -- the first bucket's i-th argument is ARGV[A + i]
local T = A + tonumber(ARGV[A]) -- bucket b's tag ARGV[T + b]
local cut = #ARGV[T + 1] + 1
local function keyOf(b, i)
  if b == 1 then return KEYS[i] end
  return ARGV[T + b] .. string.sub(KEYS[i], cut)
end
local function argOf(b, i)
  if b == 1 or i < 2 or i > 4 then return ARGV[A + i] end
  return ARGV[T + b] .. string.sub(ARGV[A + i], cut)
end

-- The query, the same in every bucket: its mode, and its one index read where that answers it
-- (query_common.lua's directShape: a count or first page of one index), built once for every bucket.
local mode = ARGV[A + 1]
local sortKeys = tonumber(ARGV[A + 11])
local shape = directShape(ARGV, A)

-- A bucket's reply read straight off one index (directRead), or nil when the query needs
-- query.lua. Only when no document of the bucket is due to expire (no expiring ids, or
-- nothingDue), so that every indexed id has a living document and query.lua would answer exactly
-- this. None of query.lua's plan, sweep or estimates run: on a node's 5 or 6 buckets that fixed
-- cost per bucket is most of a page's server time. A compact set answers the same (indexRead).
local plain = {}
local function direct(b, limit)
  if not shape then return nil end
  if plain[b] == nil then plain[b] = redis.call('ZCARD', keyOf(b, 2)) == 0 or nothingDue(keyOf(b, 2), argOf(b, 2)) end
  if not plain[b] then return nil end
  return directRead(shape, keyOf(b, shape.key), limit)
end

local failed = {}
-- A bucket's reply with the given limit (read directly where it can be, else by query.lua), or nil
-- (and the bucket failed) when its call raised an error; its index writes up to then (unindexing
-- expired ids) stand, as they would alone.
local function run(b, limit)
  local ok, reply = pcall(direct, b, limit)
  if ok and reply == nil then
    local keys, args = {}, {}
    for i = 1, nkeys do keys[i] = keyOf(b, i) end
    for i = 1, T - A do args[i] = argOf(b, i) end
    args[6] = tostring(limit)
    ok, reply = pcall(bucketQuery, keys, args)
  end
  if ok then return reply end
  failed[#failed + 1] = b
  return nil
end

if mode == MODE_COUNT then
  local total = 0
  for b = 1, count do
    total = total + (run(b, -1) or 0)
  end
  return { failed, total }
end

if withDocuments < 0 then
  local out = { failed }
  for b = 1, count do out[b + 1] = run(b, first) or {} end
  return out
end

-- The order of the rows: query.lua's, over the sort values it returns (scores as numbers, escaped
-- tag values byte-wise, nulls last), ties by id in the direction of the last sort key.
local nsort = ARGV[A + 7] == '1' and sortKeys or 0
local numeric, desc = {}, {}
for s = 1, nsort do
  numeric[s] = ARGV[A + 9 + 3 * s] == SORT_INDEX_SCORE
  desc[s] = ARGV[A + 11 + 3 * s] == DIRECTION_DESC
end
local lastDesc = nsort > 0 and desc[nsort]

local function score(text)
  if text == 'inf' or text == '+inf' then return math.huge end
  if text == '-inf' then return -math.huge end
  return tonumber(text)
end

local function precedes(a, b)
  for s = 1, nsort do
    local x, y = a.values[s], b.values[s]
    if x ~= y then
      if x == nil then return false end
      if y == nil then return true end
      if numeric[s] then
        if desc[s] then return x > y end
        return x < y
      end
      if desc[s] then return before(y, x) end
      return before(x, y)
    end
  end
  if lastDesc then return before(b.id, a.id) end
  return before(a.id, b.id)
end

-- A bucket's reply as rows: id, the reply's own entries (to return as they are), values to compare.
local present = #SORT_VALUE_PRESENT
local function rowsOf(b, reply)
  local rows = {}
  for i = 1, #reply, 1 + nsort do
    local row = { id = reply[i], bucket = b }
    if nsort > 0 then row.raw, row.values = {}, {} end
    for s = 1, nsort do
      local value = reply[i + s]
      row.raw[s] = value
      if string.sub(value, 1, present) == SORT_VALUE_PRESENT then
        value = string.sub(value, present + 1)
        row.values[s] = numeric[s] and score(value) or value
      end
    end
    rows[#rows + 1] = row
  end
  return rows
end

local rowsBy = {}
local function ask(b, limit)
  local reply = run(b, limit)
  rowsBy[b] = reply and rowsOf(b, reply) or nil
end

-- The first N rows of all the buckets: each bucket's rows are in order already, so a row is the
-- first of the buckets' next rows (a node has few buckets).
local function merged()
  local all, next = {}, {}
  for b = 1, count do next[b] = 1 end
  while need < 0 or #all < need do
    local best = nil
    for b = 1, count do
      local row = rowsBy[b] and rowsBy[b][next[b]]
      if row and (best == nil or precedes(row, best)) then best = row end
    end
    if best == nil then break end
    all[#all + 1] = best
    next[best.bucket] = next[best.bucket] + 1
  end
  return all
end

for b = 1, count do ask(b, first) end
local all = merged()
if first >= 0 and first < need then
  local again = false
  for b = 1, count do
    local rows = rowsBy[b]
    if rows and #rows >= first and (#all < need or not precedes(all[need], rows[#rows])) then
      ask(b, need)
      again = true
    end
  end
  if again then all = merged() end
end

local out = {}
for i = 1, #all do
  local row = all[i]
  out[#out + 1] = row.id
  for s = 1, nsort do out[#out + 1] = row.raw[s] end
  if withDocuments > 0 then
    local document = false
    if i <= withDocuments then
      document = documentAt(argOf(row.bucket, 2) .. row.id, ARGV[A + 10]) or false
    end
    out[#out + 1] = document
  end
end
return { failed, out }
