-- Changes the expiry of one existing document and keeps its index in line, atomically
-- (IndexWriter.expire; arguments built by ScriptCalls.expire): the document's entry in the
-- bucket's set of expiring ids follows the new expiry time (so every query's sweep still meets
-- the document exactly when it is due), and its manifest moves to where a save would have put it:
-- an expiring document's manifest lives in its manifest key and names the expiring entry (it must
-- outlive the document), a persistent hash document's short manifest lives in its field
-- MANIFEST_FIELD.
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids, KEYS[4] its
-- set of expiring ids (scored by expiry time, unix ms).
-- ARGV[1] id, ARGV[2] the bucket's index base '{tag}#', ARGV[3] what to do (EXPIRE_*), ARGV[4] ms
-- (EXPIRE_IN, EXPIRE_REFRESH: from now; EXPIRE_AT: unix time; EXPIRE_PERSIST: unused), ARGV[5] the
-- manifest's entry for KEYS[4], ARGV[6] the longest manifest the document's hash may hold (0: a
-- JSON document, never), ARGV[7] ENTRY_EXPIRY (the op entries.lua writes KEYS[4]'s entry with),
-- ARGV[8] the document's form (FORM_*), ARGV[9] the stored name of its @Version ('': none).
-- The last two arguments are the model's change feed (changes.lua): a changed expiry is
-- CHANGE_EXPIRY_CHANGED (no fields; the version stored), in this script, so atomically with the
-- change; a document removed by a time already past is CHANGE_EXPIRED with the version it had.
-- Returns 1 when the expiry changed (EXPIRE_AT with a time already past: the document is removed
-- with its entries), 0 when there is no document (EXPIRE_REFRESH, EXPIRE_PERSIST: or it does not
-- expire). EXPIRE_READ (a read of a model that refreshes its expiry on read) is EXPIRE_REFRESH
-- that returns the document as read in the same script, before the refresh: {document} (HGETALL's
-- flat array or the JSON text; false when there is none) or {false, its Redis type} when the key
-- holds another type (nothing changed).
local doc, manifestKey, all, expiring = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local id, base, action, ms, expiringEntry = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local maxInDocument = tonumber(ARGV[6])
local form, versionField = ARGV[8], ARGV[9]
if action ~= EXPIRE_IN and action ~= EXPIRE_AT and action ~= EXPIRE_REFRESH and action ~= EXPIRE_PERSIST
    and action ~= EXPIRE_READ then
  return redis.error_reply('ERR unknown expiry action ' .. tostring(action))
end
if ARGV[7] ~= ENTRY_EXPIRY then
  return redis.error_reply('ERR expected the expiry entry op, got ' .. tostring(ARGV[7]))
end

local at = redis.call('PEXPIRETIME', doc)
local read = false
if action == EXPIRE_READ then
  read = redis.pcall(form == FORM_HASH and 'HGETALL' or 'GET', doc)
  if type(read) == 'table' and read.err then return { false, redis.call('TYPE', doc).ok } end
  if at < 0 then return { read } end -- no document, or one that does not expire
  action = EXPIRE_REFRESH
end
if at == -2 or (at == -1 and (action == EXPIRE_REFRESH or action == EXPIRE_PERSIST)) then return 0 end

-- The manifest, where it is, and whether it names the expiring entry.
local manifest, inDocument = readManifest(doc, manifestKey)
local namesExpiring = false
eachEntry(manifest, base, id, function(key)
  if key == expiring then namesExpiring = true end
end)

if action == EXPIRE_PERSIST then
  redis.call('PERSIST', doc)
  removeEntry(expiring, id)
  local next = manifest or ''
  -- the save and reindex scripts append the expiring entry last
  if namesExpiring and string.sub(next, -#expiringEntry) == expiringEntry then
    next = string.sub(next, 1, #next - #expiringEntry)
  end
  local fits = next ~= '' and #next <= maxInDocument
  storeManifest(doc, manifestKey, next, fits, inDocument and manifest, not inDocument and manifest)
  if FEED_ON then appendChange(base, id, CHANGE_EXPIRY_CHANGED, '', eventVersion(doc, form, versionField)) end
  return 1
end

local version = eventVersion(doc, form, versionField)
if action == EXPIRE_AT then
  redis.call('PEXPIREAT', doc, ms)
else
  redis.call('PEXPIRE', doc, ms)
end
if redis.call('EXISTS', doc) == 0 then
  -- a time already past: Redis removed the document, and with it a manifest in its hash, so the
  -- entries go by the manifest read above (unindex would find none)
  eachEntry(manifest, base, id, removeEntry)
  if manifest and not inDocument then redis.call('DEL', manifestKey) end
  removeEntry(expiring, id)
  removeEntry(all, id, nil, COMPACT_LAYOUT and COMPACT_VALUE)
  if FEED_ON then appendChange(base, id, CHANGE_EXPIRED, '', version) end
  return 1
end
-- A document no save indexed (written by someone else: no manifest, its id in no set of all ids)
-- stays out of the index: only its expiry changes. An expiring entry would make it half indexed —
-- every query of the bucket sweeping (none read an index directly while the bucket has expiring
-- ids), the change feed told it was gone though never told it was saved — and its manifest key
-- would belong to an id in no set of all ids.
if manifest or (COMPACT_LAYOUT and csHas(all, false, '0', id))
    or (not COMPACT_LAYOUT and redis.call('ZSCORE', all, id)) then
  writeEntries(id, doc, 4, 7, 1)
  if not namesExpiring then
    local next = (manifest or '') .. expiringEntry
    storeManifest(doc, manifestKey, next, false, inDocument and manifest, not inDocument and manifest)
  end
end
if FEED_ON then appendChange(base, id, CHANGE_EXPIRY_CHANGED, '', version) end
if read then return { read } end
return 1
