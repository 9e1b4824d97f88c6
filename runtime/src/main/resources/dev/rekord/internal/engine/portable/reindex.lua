-- Rewrites the index entries of one document, leaving the document and its expiry alone
-- (migrate()'s rebuild, PortableRebuild; arguments built by ScriptCalls.reindex).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids, KEYS[4] its
-- set of expiring ids (scored by expiry time, unix ms), KEYS[5..] one per index entry.
-- ARGV[1] id, ARGV[2] the bucket's index base '{tag}#', ARGV[3] where the manifest goes unless the
-- document expires (MANIFEST_IN_*; an expiring document's goes to its key), ARGV[4] the new
-- manifest naming every entry but the one of KEYS[4], ARGV[5] the manifest's entry for KEYS[4]
-- (added when the document expires, which only this script can tell), then per entry its op
-- (ENTRY_*) and values.
-- The last two arguments are the model's change feed (changes.lua), told of a document gone.
-- Returns 1, or 0 when the document no longer exists: its old entries are removed instead.
local id, base = ARGV[1], ARGV[2]
local entries = #KEYS - 4
local err, last = checkEntries(6, entries)
if err then return redis.error_reply(err) end
if last ~= #ARGV - 1 then
  return redis.error_reply('ERR the index entry arguments do not match their ' .. entries .. ' key(s)')
end
if ARGV[3] ~= MANIFEST_IN_DOCUMENT and ARGV[3] ~= MANIFEST_IN_KEY then
  return redis.error_reply('ERR unknown manifest place ' .. tostring(ARGV[3]))
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  appendGone(base, id, unindex(KEYS[1], KEYS[2], KEYS[3], base, id))
  return 0
end

local old, oldInDocument = readManifest(KEYS[1], KEYS[2])
local manifest, inDocument = ARGV[4], ARGV[3] == MANIFEST_IN_DOCUMENT
local expiresAt = redis.call('PEXPIRETIME', KEYS[1])
if expiresAt > 0 then
  manifest = manifest .. ARGV[5]
  inDocument = false
end
local stale = staleEntries(base, id, old, manifest)
reachable(stale)
if COMPACT_LAYOUT then csAdd(KEYS[3], false, '0', id) else redis.call('ZADD', KEYS[3], '0', id) end
if expiresAt > 0 then redis.call('ZADD', KEYS[4], expiresAt, id) end
if COMPACT_LAYOUT then removeEntries(stale) end -- as save_one.lua orders them
writeEntries(id, KEYS[1], 5, 6, entries)
if not COMPACT_LAYOUT then removeEntries(stale) end
storeManifest(KEYS[1], KEYS[2], manifest, inDocument, oldInDocument and old, not oldInDocument and old)
return 1
