-- Rewrites the index entries of one document, leaving the document and its expiry alone
-- (migrate()'s rebuild, PortableRebuild; arguments built by ScriptCalls.reindex).
-- KEYS[1] the document, KEYS[2] its manifest, KEYS[3] the bucket's set of all ids, KEYS[4] its
-- set of expiring ids (scored by expiry time, unix ms), KEYS[5..] one per index entry.
-- ARGV[1] id, ARGV[2] the bucket's index base '{tag}#', ARGV[3] the new manifest naming every
-- entry but the one of KEYS[4], ARGV[4] the manifest's entry for KEYS[4] (added when the document
-- expires, which only this script can tell), then per entry its op (ENTRY_*) and values.
-- Returns 1, or 0 when the document no longer exists: its old entries are removed instead.
local id, base = ARGV[1], ARGV[2]
local err = checkEntries(5, 5)
if err then return redis.error_reply(err) end
if redis.call('EXISTS', KEYS[1]) == 0 then
  unindex(KEYS[2], KEYS[3], base, id)
  return 0
end

local old = redis.call('GET', KEYS[2])
local manifest = ARGV[3]
redis.call('ZADD', KEYS[3], '0', id)
local expiresAt = redis.call('PEXPIRETIME', KEYS[1])
if expiresAt > 0 then
  redis.call('ZADD', KEYS[4], expiresAt, id)
  manifest = manifest .. ARGV[4]
end
writeEntries(id, 5, 5)
replaceManifest(KEYS[2], base, id, old, manifest)
return 1
