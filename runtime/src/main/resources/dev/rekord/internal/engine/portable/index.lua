-- The index half of a saveAll on a standalone server (IndexWriter.saveAll, arguments built by
-- ScriptCalls.indexOnly): it runs inside MULTI … EXEC before the plain HSETs that write the
-- documents, so each document is written with its entries or not at all, while its fields never
-- pass through Lua (as arguments, then as HSET's: most of what a save.lua call costs per
-- document). Only for hash documents saved with no condition, no version, no expiry and no change
-- feed, of one bucket, of distinct ids; everything else goes through save.lua.
-- KEYS[1] the bucket's set of all ids (score 0), then per document: the document, its manifest
-- key, one key per index entry.
-- ARGV[1] the bucket's index base '{tag}#', ARGV[2] how many documents follow, then per document:
-- its id, where its new manifest goes (MANIFEST_IN_DOCUMENT: the field MANIFEST_FIELD, which the
-- HSET after this script writes; MANIFEST_IN_KEY: the manifest key), the manifest (manifest.lua),
-- the number of entries, then per entry its op (ENTRY_*, never ENTRY_EXPIRY) and values
-- (entries.lua).
-- Reads every old manifest, deletes the documents (the HSETs write them whole), adds the ids and
-- the new entries (one ZADD per key), removes the entries only an old manifest names and keeps
-- the manifest keys in line. Returns the number of documents.
local base, count = ARGV[1], tonumber(ARGV[2])
local firstArg, firstKey = {}, {}
local a, k = 3, 2
for i = 1, count do
  local place = ARGV[a + 1]
  if place ~= MANIFEST_IN_DOCUMENT and place ~= MANIFEST_IN_KEY then
    return redis.error_reply('ERR unknown manifest place ' .. tostring(place))
  end
  firstArg[i], firstKey[i] = a, k
  local e = tonumber(ARGV[a + 3])
  local err
  err, a = checkEntries(a + 4, e)
  if err then return redis.error_reply(err) end
  k = k + 2 + e
end
if k ~= #KEYS + 1 or a ~= #ARGV + 1 then
  return redis.error_reply('ERR the index entry arguments do not match their ' .. (#KEYS - 1) .. ' key(s)')
end

-- The old manifests, before anything is written: from the documents' hashes (pcall: a key of
-- another type has none), then one MGET of the manifest keys of the others.
local old, inKey = {}, {}
local missing, missingAt = {}, {}
for i = 1, count do
  local manifest = redis.pcall('HGET', KEYS[firstKey[i]], MANIFEST_FIELD)
  if type(manifest) == 'string' then
    old[i], inKey[i] = manifest, false
  else
    missing[#missing + 1] = KEYS[firstKey[i] + 1]
    missingAt[#missing] = i
  end
end
if #missing > 0 then
  local found = redis.call('MGET', unpack(missing))
  for j = 1, #missing do
    old[missingAt[j]], inKey[missingAt[j]] = found[j], found[j]
  end
end

local documents, ids = {}, {}
for i = 1, count do
  documents[i] = KEYS[firstKey[i]]
  ids[2 * i - 1], ids[2 * i] = '0', ARGV[firstArg[i]]
end
redis.call('DEL', unpack(documents))
redis.call('ZADD', KEYS[1], unpack(ids))

local adds = {}
for i = 1, count do
  local at = firstArg[i]
  collectEntries(adds, ARGV[at], documents[i], firstKey[i] + 2, at + 4, tonumber(ARGV[at + 3]))
end
writeCollected(adds)

for i = 1, count do
  local at = firstArg[i]
  local manifest = ARGV[at + 2]
  removeStale(base, ARGV[at], old[i], manifest)
  -- the document's field comes with its HSET; only the key is this script's
  local inDocument = ARGV[at + 1] == MANIFEST_IN_DOCUMENT
  storeManifest(documents[i], KEYS[firstKey[i] + 1], manifest, inDocument, inDocument and manifest, inKey[i])
end
return count
