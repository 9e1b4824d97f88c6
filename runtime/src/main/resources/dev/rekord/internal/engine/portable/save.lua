-- Writes documents of one bucket and their index entries, replacing the old ones (IndexWriter:
-- one document per save, many per saveAll; arguments built by ScriptCalls.save). The script runs
-- atomically, so each document is written with its entries or not at all.
-- KEYS[1] the bucket's set of all ids (score 0), then per document: the document, its manifest
-- key, one key per index entry (the bucket's set of expiring ids among them when it expires).
-- ARGV[1] the bucket's index base '{tag}#', ARGV[2] the documents' form (FORM_*), ARGV[3] how many
-- documents follow, then per document: its id, its time to live in ms (0: none), where its
-- manifest goes (MANIFEST_IN_*: the field MANIFEST_FIELD of the hash, or the manifest key), the new
-- manifest (manifest.lua) naming every entry, n: how many document arguments follow (FORM_HASH:
-- field/value pairs, the last one MANIFEST_FIELD and the manifest when it goes into the hash;
-- FORM_JSON: the text), the n arguments, the number of entries, then per entry
-- its op (ENTRY_*) and values (entries.lua).
-- Entries the old manifest names and the new one does not are removed. Returns the number of
-- documents.
-- Scores travel as strings: Redis formats a Lua number argument with printf.
local base, form, count = ARGV[1], ARGV[2], tonumber(ARGV[3])
if form ~= FORM_HASH and form ~= FORM_JSON then
  return redis.error_reply('ERR unknown document form ' .. tostring(form))
end
local k, a = 2, 4
for _ = 1, count do
  local place, n = ARGV[a + 2], tonumber(ARGV[a + 4])
  if place ~= MANIFEST_IN_DOCUMENT and place ~= MANIFEST_IN_KEY then
    return redis.error_reply('ERR unknown manifest place ' .. tostring(place))
  end
  local e = tonumber(ARGV[a + 5 + n])
  local err
  err, a = checkEntries(a + 6 + n, e)
  if err then return redis.error_reply(err) end
  k = k + 2 + e
end
if k ~= #KEYS + 1 or a ~= #ARGV + 1 then
  return redis.error_reply('ERR the index entry arguments do not match their ' .. (#KEYS - 1) .. ' key(s)')
end

k, a = 2, 4
for _ = 1, count do
  local id, ttl, manifest, n = ARGV[a], ARGV[a + 1], ARGV[a + 3], tonumber(ARGV[a + 4])
  local inDocument = ARGV[a + 2] == MANIFEST_IN_DOCUMENT
  local doc, manifestKey = KEYS[k], KEYS[k + 1]
  local old, oldInDocument
  if form == FORM_HASH then
    old, oldInDocument = readManifest(doc, manifestKey)
  else
    old, oldInDocument = redis.call('GET', manifestKey), false
  end
  redis.call('DEL', doc)
  a = a + 5
  if form == FORM_HASH then
    for i = a, a + n - 1, 1000 do
      redis.call('HSET', doc, unpack(ARGV, i, math.min(i + 999, a + n - 1)))
    end
    if ttl ~= '0' then redis.call('PEXPIRE', doc, ttl) end
  elseif ttl ~= '0' then
    redis.call('SET', doc, ARGV[a], 'PX', ttl)
  else
    redis.call('SET', doc, ARGV[a])
  end
  redis.call('ZADD', KEYS[1], '0', id)
  local e = tonumber(ARGV[a + n])
  a = writeEntries(id, k + 2, a + n + 1, e)
  removeStale(base, id, old, manifest)
  storeManifest(doc, manifestKey, manifest, inDocument, inDocument and manifest, not oldInDocument and old)
  k = k + 2 + e
end
return count
