-- The part of a saveAll on a standalone server that needs to read before it writes (IndexWriter.saveAll,
-- arguments built by ScriptCalls.indexOnly): it runs inside MULTI … EXEC before plain commands that
-- add the ids and the new index entries (one ZADD or GEOADD per key) and write the documents
-- (HSET), so each document is written with its entries or not at all, while neither its fields nor
-- its entries pass through Lua (as arguments, then as a command's: most of what save.lua costs per
-- document). Only for hash documents saved with no condition, no version, no expiry and no change
-- feed, of one bucket, of distinct ids; everything else goes through save.lua.
-- KEYS per document: the document, its manifest key.
-- ARGV[1] the bucket's index base '{tag}#', then per document: its id, where its new manifest goes
-- (MANIFEST_IN_DOCUMENT: the field MANIFEST_FIELD, which its HSET writes; MANIFEST_IN_KEY: the
-- manifest key), the new manifest (manifest.lua).
-- Reads every old manifest, deletes the documents (the HSETs write them whole), removes the entries
-- only an old manifest names and keeps the manifest keys in line. Returns the number of documents.
local base, count = ARGV[1], #KEYS / 2
if #ARGV ~= 1 + 3 * count then
  return redis.error_reply('ERR ' .. (#ARGV - 1) .. ' document argument(s) for ' .. #KEYS .. ' key(s)')
end
-- The old manifests, before anything is written: from the documents' hashes (pcall: a key of
-- another type has none; none at all when no document exists yet, as in a first load), then one
-- MGET of the manifest keys of the others.
local documents = {}
for i = 1, count do
  local place = ARGV[3 * i]
  if place ~= MANIFEST_IN_DOCUMENT and place ~= MANIFEST_IN_KEY then
    return redis.error_reply('ERR unknown manifest place ' .. tostring(place))
  end
  documents[i] = KEYS[2 * i - 1]
end
local existing = redis.call('EXISTS', unpack(documents)) > 0
local old, inKey = {}, {}
local missing, missingAt = {}, {}
for i = 1, count do
  local manifest = existing and redis.pcall('HGET', documents[i], MANIFEST_FIELD)
  if type(manifest) == 'string' then
    old[i], inKey[i] = manifest, false
  else
    missing[#missing + 1] = KEYS[2 * i]
    missingAt[#missing] = i
  end
end
if #missing > 0 then
  local found = redis.call('MGET', unpack(missing))
  for j = 1, #missing do
    old[missingAt[j]], inKey[missingAt[j]] = found[j], found[j]
  end
end
if existing then redis.call('DEL', unpack(documents)) end
for i = 1, count do
  local id, manifest = ARGV[3 * i - 1], ARGV[3 * i + 1]
  if old[i] then removeStale(base, id, old[i], manifest) end
  -- the document's field comes with its HSET; only the key is this script's
  local inDocument = ARGV[3 * i] == MANIFEST_IN_DOCUMENT
  if inKey[i] or not inDocument then
    storeManifest(documents[i], KEYS[2 * i], manifest, inDocument, inDocument and manifest, inKey[i])
  end
end
return count
