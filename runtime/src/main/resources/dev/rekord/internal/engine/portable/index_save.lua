-- Writes one document and its index entries atomically, replacing the old ones.
-- KEYS[1] document, KEYS[2] manifest, KEYS[3] sorted set of all ids (score 0; '{tag}#ids', its
-- name minus 'ids' is the bucket's index base), KEYS[4] sorted set (score 0) of the ids saved
-- with an expiry, KEYS[5..] one key per new entry.
-- ARGV[1] id, ARGV[2] storage: 'hash' or 'json'; 'keep' rewrites the index entries only, leaving
-- the document and its expiry untouched; 'drop' changes nothing if the document exists. With
-- 'keep' and 'drop' a missing document loses its old entries instead. ARGV[3] ttl in ms (0: none),
-- ARGV[4] the new manifest (manifest.lua) naming the new entries, written by the client, without
-- the entry of KEYS[4] (which only this script can decide for 'keep'); ARGV[5] n: how many
-- document arguments follow (hash field/value pairs, or the JSON text), then per new entry its op
-- and the op's values (see IndexEntries.Entry): 's' (add the id with score 0: tags, tokens,
-- nulls, in id order, see query.lua), 'z' score, 'l' value (add 'value\0id' with score 0), 'g'
-- longitude latitude.
-- Entries the old manifest names and the new one does not are removed; an unchanged manifest is
-- not rewritten (an update that changes no indexed value touches only the document and ZADDs).
-- Returns 1, or 0 when 'keep' or 'drop' found no document (its old entries are then removed).
-- Scores are passed as strings ('0'): Redis formats a Lua number argument with printf.
local id, storage = ARGV[1], ARGV[2]
local n = tonumber(ARGV[5])
local base = string.sub(KEYS[3], 1, -4)
local arity = { s = 1, z = 2, l = 2, g = 3 }
local a = 6 + n
for _ = 5, #KEYS do
  local step = arity[ARGV[a]]
  if not step then
    return redis.error_reply('ERR unknown index entry op ' .. tostring(ARGV[a]))
  end
  a = a + step
end

if (storage == 'keep' or storage == 'drop') and redis.call('EXISTS', KEYS[1]) == 0 then
  unindex(KEYS[2], KEYS[3], id)
  return 0
end
if storage == 'drop' then
  return 1
end

local old = readManifest(KEYS[2])
local ttl = tonumber(ARGV[3])
if storage == 'hash' then
  redis.call('DEL', KEYS[1])
  for i = 6, 5 + n, 1000 do
    redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, 5 + n)))
  end
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
  end
elseif storage == 'json' then
  redis.call('DEL', KEYS[1])
  if ttl > 0 then
    redis.call('SET', KEYS[1], ARGV[6], 'PX', ttl)
  else
    redis.call('SET', KEYS[1], ARGV[6])
  end
end -- 'keep': the document stays as it is

redis.call('ZADD', KEYS[3], '0', id)
local manifest = ARGV[4]
local expiring = ttl > 0
if storage == 'keep' then expiring = redis.call('PTTL', KEYS[1]) > 0 end
if expiring then
  -- counts may skip the per-id existence check only in buckets without expiring documents
  redis.call('ZADD', KEYS[4], '0', id)
  manifest = '3:ttl=' .. manifest
end
a = 6 + n
for k = 5, #KEYS do
  local key, op = KEYS[k], ARGV[a]
  if op == 's' then
    redis.call('ZADD', key, '0', id)
    a = a + 1
  elseif op == 'z' then
    redis.call('ZADD', key, ARGV[a + 1], id)
    a = a + 2
  elseif op == 'l' then
    redis.call('ZADD', key, '0', ARGV[a + 1] .. '\0' .. id)
    a = a + 2
  else
    redis.call('GEOADD', key, ARGV[a + 1], ARGV[a + 2], id)
    a = a + 3
  end
end

if old == manifest then
  return 1
end
-- Old entries the new manifest does not name leave their keys (those it names were just
-- rewritten: ZADD and GEOADD replace a member's score).
if old then
  local kept = {}
  eachEntry(manifest, base, id, function(_, key, member)
    local members = kept[key]
    if not members then
      members = {}
      kept[key] = members
    end
    members[member] = true
  end)
  eachEntry(old, base, id, function(op, key, member)
    local members = kept[key]
    if op == 's' or not (members and members[member]) then
      removeEntry(op, key, member)
    end
  end)
end
if manifest == '' then
  if old then redis.call('DEL', KEYS[2]) end
else
  redis.call('SET', KEYS[2], manifest)
end
return 1
