-- save_plain.lua (after manifest.lua, entries.lua and hash_write.lua): the plain save of one
-- hash document in the standard layout (IndexWriter.save; arguments built by
-- ScriptCalls.plainSave) — no condition, version, expiry, fence or change feed, its manifest kept
-- in its hash — which is most saves. It writes what save_one.lua writes, from fewer arguments and
-- with fewer functions: each argument costs the server about a thousand instructions and each
-- function a script defines is built on every call (save.lua's checks and its arguments for them
-- were a quarter of a save's server work).
-- KEYS[1] the bucket's set of all ids ('{tag}#ids': its index base '{tag}#' then 'ids'), KEYS[2]
-- the document, KEYS[3] its manifest key, then one key per index entry.
-- ARGV[1] the id, ARGV[2] the new manifest (stored as the field MANIFEST_FIELD), ARGV[3] n: how
-- many of the document's field/value arguments follow, then per entry its op and values
-- (entries.lua), one entry per key from KEYS[4]. The index base does not travel: it starts KEYS[1].
-- The old manifest is read before anything is written; the entries only it names (staleOf, a
-- function of its own so that a save whose entries did not change never builds the functions that
-- read a manifest) are removed after the new ones are written. Returns an empty table.
local id, manifest, n = ARGV[1], ARGV[2], ARGV[3] + 0
local doc, manifestKey = KEYS[2], KEYS[3]
-- every argument checked before anything is written (a script that fails half-way keeps its writes)
local err, after = checkEntries(4 + n, #KEYS - 3)
if err then return redis.error_reply(err) end
if after ~= #ARGV + 1 or n % 2 ~= 0 then
  return redis.error_reply('ERR save_plain: its arguments do not match its keys')
end
-- The old manifest (manifest.lua's storedManifest).
local stored, old, oldInDocument = storedManifest(doc, manifestKey)
local stale, removeStale
if old and old ~= manifest then stale, removeStale = staleOf(string.sub(KEYS[1], 1, -4), id, old, manifest) end
writeHash(doc, 4, 3 + n, '0', MANIFEST_FIELD, manifest, stored)
redis.call('ZADD', KEYS[1], '0', id)
writeEntries(id, doc, 4, 4 + n, #KEYS - 3)
if stale then removeStale(stale) end
-- storeManifest's case of a manifest the HSET above stored in the hash: the old key goes
if old and not oldInDocument then redis.call('DEL', manifestKey) end
return {}
