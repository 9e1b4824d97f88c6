-- query.lua, part 5 of 5: what the query returns (MODE_*).
-- Returns: MODE_COUNT the number of matches; MODE_IDS the page of ids in order, each followed by
-- its sort values when ARGV[7] is '1' (SORT_VALUE_PRESENT .. score or escaped tag value, or
-- SORT_VALUE_NULL); MODE_DOCUMENTS those rows, each followed by its document as read in this call
-- (FORM_HASH: HGETALL's flat array of fields and values; FORM_JSON: the text; false (nil) when the
-- key holds another type); MODE_SNAPSHOT writes the rows of MODE_IDS to the snapshot key
-- (replacing it, with the ttl) and returns the number of ids; MODE_CHUNKS returns the ids as
-- MODE_IDS when they are at most SNAPSHOT_CHUNK, else does as MODE_SNAPSHOT. Ids whose document
-- no longer exists (expired) are dropped and their index entries removed once the result is known
-- (forgetGone).

-- The sort value of an id: its score in the numeric index, its tag value from its manifest.
local function sortValue(key, id)
  local value
  if key.index == SORT_INDEX_SCORE and compact[key.key] then
    value = manifestValue(key.key, id)
  elseif key.index == SORT_INDEX_SCORE then
    value = redis.call('ZSCORE', key.key, id)
  else
    value = manifestValue(key.key, id)
  end
  if value then return SORT_VALUE_PRESENT .. value end
  return SORT_VALUE_NULL
end

sweep()
if mode == MODE_COUNT then
  if swept then
    -- every expired document of the bucket is unindexed, so every indexed id has one: count from
    -- the index
    local op = root.op
    if op == PLAN_ALL or op == PLAN_SET or op == PLAN_VALUE or op == PLAN_RANGE then return est(root) end
    return #ids(root)
  end
  local count = #living(ids(root))
  forgetGone()
  return count
end

local list = ordered()
forgetGone()
local rows = list
if withValues or mode == MODE_DOCUMENTS then
  rows = {}
  for _, id in ipairs(list) do
    rows[#rows + 1] = id
    if withValues then
      for _, key in ipairs(sorts) do rows[#rows + 1] = sortValue(key, id) end
    end
    if mode == MODE_DOCUMENTS then rows[#rows + 1] = documents[id] end
  end
end
if mode == MODE_CHUNKS and #rows <= SNAPSHOT_CHUNK then return rows end
if mode == MODE_SNAPSHOT or mode == MODE_CHUNKS then
  local key = KEYS[snapshotKey]
  redis.call('DEL', key)
  for i = 1, #rows, 1000 do
    redis.call('RPUSH', key, unpack(rows, i, math.min(i + 999, #rows)))
  end
  if #rows > 0 then
    redis.call('PEXPIRE', key, snapshotTtl)
  end
  return #list
end
return rows
