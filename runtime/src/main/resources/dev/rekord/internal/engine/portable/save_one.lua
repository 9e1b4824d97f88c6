-- save_one.lua (after save_head.lua): the save of one document of a model without a change feed
-- (IndexWriter.save), with save.lua's arguments: its condition, version and fence checked, the
-- document written over the stored one with its entries, the entries only its old manifest names
-- removed. A script of its own because a script builds every function it defines on each call
-- (about 400-900 server instructions each): this one defines only what one save uses. A plain save
-- in the standard layout runs save_plain.lua instead, with fewer arguments and fewer functions still.
if count ~= 1 or ARGV[9] == MANIFEST_IN_NOWHERE or ARGV[#ARGV - 1] ~= '0' or ARGV[#ARGV] ~= '' then
  return redis.error_reply('ERR save_one saves one document of a model without a change feed')
end
local err, fenceRefused = checkDocuments(nil, nil, nil)
if err then return redis.error_reply(err) end
if fenceRefused then return { 1, REFUSED_FENCE } end

local id, ttl, manifest, n = ARGV[4], ARGV[8], ARGV[10], ARGV[11] + 0
local inDocument = ARGV[9] == MANIFEST_IN_DOCUMENT
local doc, manifestKey = KEYS[2], KEYS[3]
local refused = refusal(4, doc)
if refused then return { 1, refused } end
-- The old manifest: of a hash, with how many fields it holds (manifest.lua's storedManifest); of a
-- JSON text, in the manifest key.
local stored, old, oldInDocument = nil, false, false
if form == FORM_HASH then
  stored, old, oldInDocument = storedManifest(doc, manifestKey)
else
  old = redis.call('GET', manifestKey)
end
local stale = staleEntries(base, id, old, manifest)
reachable(stale)
writeDocument(doc, 12, 11 + n, ttl, stored)
if COMPACT_LAYOUT then csAdd(KEYS[1], false, '0', id) else redis.call('ZADD', KEYS[1], '0', id) end
-- stale entries go after the new ones are written (a key emptied first would be gone, and a slot
-- that migrates refuses a write to a key it no longer holds), in the compact layout before (a
-- compact set holds a member once, and the new entry may be the old one with another score)
if COMPACT_LAYOUT then removeEntries(stale) end
writeEntries(id, doc, 4, 13 + n, ARGV[12 + n] + 0)
if not COMPACT_LAYOUT then removeEntries(stale) end
storeManifest(doc, manifestKey, manifest, inDocument, inDocument and manifest, not oldInDocument and old)
return {}
