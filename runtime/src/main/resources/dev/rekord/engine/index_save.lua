-- Writes one document and its index entries atomically, replacing the old ones.
-- KEYS[1] document, KEYS[2] manifest, KEYS[3] sorted set of all ids (score 0), KEYS[4] sorted set
-- (score 0) of the ids saved with an expiry, KEYS[5..] one key per new entry.
-- ARGV[1] id, ARGV[2] storage: 'hash' or 'json'; 'keep' rewrites the index entries only, leaving
-- the document and its expiry untouched; 'drop' changes nothing if the document exists. With
-- 'keep' and 'drop' a missing document loses its old entries instead. ARGV[3] ttl in ms (0: none),
-- ARGV[4] n: how many document arguments follow (hash field/value pairs, or the JSON text),
-- then per new entry three arguments: op, a, b (see IndexEntries.Entry).
-- The manifest lists pairs (op .. key, member) with op 'z' (ZREM); 's' (SREM) only in manifests
-- written by layout 1, met while a migration rebuilds the index. Op 's' adds the id to a sorted
-- set with score 0 (tags, tokens, nulls: id order, see query.lua).
-- Entries the old manifest names and the new one does not are removed; an unchanged manifest is
-- not rewritten (an update that changes no indexed value touches only the document and ZADDs).
-- Returns 1, or 0 when 'keep' or 'drop' found no document (its old entries are then removed).
local id = ARGV[1]
local valid = { s = true, z = true, l = true, g = true }
for a = 5 + tonumber(ARGV[4]), #ARGV, 3 do
  if not valid[ARGV[a]] then
    return redis.error_reply('ERR unknown index entry op ' .. tostring(ARGV[a]))
  end
end

-- Removes one manifest entry: op .. key, and the member to remove from it.
local function removeEntry(entry, member)
  local key = string.sub(entry, 2)
  if string.sub(entry, 1, 1) == 's' then -- layout 1
    redis.call('SREM', key, member)
  else
    redis.call('ZREM', key, member)
  end
end

local function removeOld()
  local old = redis.call('LRANGE', KEYS[2], 0, -1)
  for i = 1, #old, 2 do
    removeEntry(old[i], old[i + 1])
  end
  if #old > 0 then
    redis.call('DEL', KEYS[2])
  end
end

if (ARGV[2] == 'keep' or ARGV[2] == 'drop') and redis.call('EXISTS', KEYS[1]) == 0 then
  removeOld()
  redis.call('ZREM', KEYS[3], id)
  return 0
end
if ARGV[2] == 'drop' then
  return 1
end

local old = redis.call('LRANGE', KEYS[2], 0, -1)
local n = tonumber(ARGV[4])
local ttl = tonumber(ARGV[3])
if ARGV[2] == 'keep' then
  -- the document stays as it is
elseif ARGV[2] == 'hash' then
  redis.call('DEL', KEYS[1])
  for i = 5, 4 + n, 1000 do
    redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, 4 + n)))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
elseif ttl > 0 then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[1], ARGV[5], 'PX', ttl)
else
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[1], ARGV[5])
end

redis.call('ZADD', KEYS[3], 0, id)
local manifest = {}
local a = 5 + n
local expiring = ttl > 0
if ARGV[2] == 'keep' then expiring = redis.call('PTTL', KEYS[1]) > 0 end
if expiring then
  -- counts may skip the per-id existence check only in buckets without expiring documents
  redis.call('ZADD', KEYS[4], 0, id)
  manifest[#manifest + 1] = 'z' .. KEYS[4]
  manifest[#manifest + 1] = id
end
for k = 5, #KEYS do
  local key, op, x, y = KEYS[k], ARGV[a], ARGV[a + 1], ARGV[a + 2]
  a = a + 3
  local member = id
  if op == 's' then
    redis.call('ZADD', key, 0, id)
  elseif op == 'z' then
    redis.call('ZADD', key, x, id)
  elseif op == 'l' then
    member = x .. '\0' .. id
    redis.call('ZADD', key, 0, member)
  else
    redis.call('GEOADD', key, x, y, id)
  end
  manifest[#manifest + 1] = 'z' .. key
  manifest[#manifest + 1] = member
end

-- Old entries the new manifest does not name leave their keys (those it names were just
-- rewritten: ZADD and GEOADD replace a member's score); an unchanged manifest stays as it is.
if #old > 0 then
  local kept = {}
  for i = 1, #manifest, 2 do
    local members = kept[manifest[i]]
    if not members then
      members = {}
      kept[manifest[i]] = members
    end
    members[manifest[i + 1]] = true
  end
  local same = #old == #manifest
  for i = 1, #old, 2 do
    if same and (old[i] ~= manifest[i] or old[i + 1] ~= manifest[i + 1]) then
      same = false
    end
    local members = kept[old[i]]
    if not (members and members[old[i + 1]]) then
      removeEntry(old[i], old[i + 1])
    end
  end
  if same then
    return 1
  end
  redis.call('DEL', KEYS[2])
end
for i = 1, #manifest, 1000 do
  redis.call('RPUSH', KEYS[2], unpack(manifest, i, math.min(i + 999, #manifest)))
end
return 1
