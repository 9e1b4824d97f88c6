-- Writes documents of one bucket and their index entries, replacing the old ones (IndexWriter:
-- one document per save, many per saveAll; arguments built by ScriptCalls.save), or deletes them
-- with their entries (the delete items of a unit of work, ScriptCalls.deleteItem). The script runs
-- atomically, so each document is written with its entries or not at all. Work is shared between
-- the documents where Redis allows: one MGET of old manifests, one DEL of the deleted ones, one ZADD of the ids, one
-- ZADD per index key; the ids of one call are distinct.
-- KEYS[1] the bucket's set of all ids (score 0), then per document: the document, its manifest
-- key, one key per index entry (the bucket's set of expiring ids among them when it expires).
-- ARGV[1] the bucket's index base '{tag}#', ARGV[2] the documents' form (FORM_*), ARGV[3] how many
-- documents follow (negative: all or nothing — when any document is refused, none is written, a
-- unit of work's atomic commit), then per document: its id, its condition (CONDITION_*: always, only when
-- absent, only when present, only while unchanged), the stored name of its @Version ('': none;
-- with CONDITION_UNCHANGED or no version expected only named, for the change feed, and not checked), the
-- version expected stored ('': none; 0: no document or no such field) or, with CONDITION_UNCHANGED,
-- the digest of the document as a partial update read it (digest.lua), its time to live in ms (0: none), where its
-- manifest goes (MANIFEST_IN_*: the field MANIFEST_FIELD of the hash, or the manifest key), the new
-- manifest (manifest.lua) naming every entry (MANIFEST_IN_NOWHERE: none, the document is deleted
-- with every entry its old manifest names; its n and number of entries are 0), n: how many document arguments follow (FORM_HASH:
-- field/value pairs, the last one MANIFEST_FIELD and the manifest when it goes into the hash;
-- FORM_JSON: the text), the n arguments, the number of entries, then per entry
-- its op (ENTRY_*) and values (entries.lua).
-- Every condition and version is checked before anything is written; a document refused is left
-- alone with its entries, the others are written (the new version is in the document arguments).
-- Entries the old manifest names and the new one does not are removed. Returns per refused
-- document its position (1-based, in the call) and '' (refused by its condition), REFUSED_FENCE (a
-- fenced save, below) or the stored version that was not the expected one: empty when all were
-- written.
-- The last two arguments are the model's change feed (changes.lua): per document written one
-- event, CHANGE_CREATED or CHANGE_UPDATED with the fields that changed and its new version; a
-- document found expired (gone, its old manifest still there) is reported CHANGE_EXPIRED first.
-- Scores travel as strings: Redis formats a Lua number argument with printf.
local base, form, count = ARGV[1], ARGV[2], tonumber(ARGV[3])
local allOrNothing = count < 0
if allOrNothing then count = -count end
if form ~= FORM_HASH and form ~= FORM_JSON then
  return redis.error_reply('ERR unknown document form ' .. tostring(form))
end
-- Why the document whose arguments start at ARGV[at] may not be written: nil when it may, '' when
-- its condition refuses it, else its stored version (0: none), which is not the expected one.
local function refusal(at, doc)
  local condition, field = ARGV[at + 1], ARGV[at + 2]
  if ARGV[at + 3] == '' then field = '' end -- named for the change feed only (a delete item)
  if condition == CONDITION_ALWAYS and field == '' then return nil end
  if condition == CONDITION_UNCHANGED then
    local _, digest = readDigested(doc, form)
    if digest == ARGV[at + 3] then return nil end
    return ''
  end
  local exists = redis.call('EXISTS', doc) == 1
  if condition ~= CONDITION_ALWAYS and exists ~= (condition == CONDITION_PRESENT) then return '' end
  if field == '' then return nil end
  local version = storedVersion(doc, form, field)
  if version == tonumber(ARGV[at + 3]) then return nil end
  return string.format('%d', version)
end
-- Reports the write of the document whose arguments start at ARGV[at] (its key `doc`, its document
-- arguments ARGV[from..to]) to the change feed; `before` as documentBefore read it, `old` its old
-- manifest; the version reported is the one now stored (a partial update's arguments carry a digest).
-- A delete item (MANIFEST_IN_NOWHERE, units of work) is reported CHANGE_DELETED with the version
-- it had (its stored name is the item's version field, with no version expected).
local function reportWrite(at, doc, before, old, from, to)
  local id = ARGV[at]
  if not before then appendGone(base, id, old) end
  if ARGV[at + 5] == MANIFEST_IN_NOWHERE then
    if before then
      local version = type(before) == 'table' and ARGV[at + 2] ~= '' and tonumber(before[ARGV[at + 2]])
      appendChange(base, id, CHANGE_DELETED, '', version and string.format('%d', version) or '')
    end
    return
  end
  local version = ''
  if ARGV[at + 2] ~= '' then version = string.format('%d', storedVersion(doc, form, ARGV[at + 2])) end
  appendChange(base, id, before and CHANGE_UPDATED or CHANGE_CREATED, changedFields(form, before, from, to), version)
end

-- Writes the document whose n arguments are ARGV[from..to] over the stored one (hash_write.lua),
-- with its time to live ttl (ms, '0': none); a JSON text is one SET, which replaces value and time
-- to live.
local function writeDocument(doc, from, to, ttl)
  if form == FORM_HASH then
    writeHash(doc, from, to, ttl)
  elseif ttl ~= '0' then
    redis.call('SET', doc, ARGV[from], 'PX', ttl)
  else
    redis.call('SET', doc, ARGV[from])
  end
end

-- (no tables for one document saved: a save's garbage costs it as much as its checks)
local many = count > 1 or ARGV[9] == MANIFEST_IN_NOWHERE
local seen, firstKey, firstArg
if many then seen, firstKey, firstArg = {}, {}, {} end
local k, a = 2, 4
for i = 1, count do
  local condition, place, n = ARGV[a + 1], ARGV[a + 5], tonumber(ARGV[a + 7])
  if condition ~= CONDITION_ALWAYS and condition ~= CONDITION_ABSENT and condition ~= CONDITION_PRESENT
      and condition ~= CONDITION_UNCHANGED then
    return redis.error_reply('ERR unknown write condition ' .. tostring(condition))
  end
  if place ~= MANIFEST_IN_DOCUMENT and place ~= MANIFEST_IN_KEY and place ~= MANIFEST_IN_NOWHERE then
    return redis.error_reply('ERR unknown manifest place ' .. tostring(place))
  end
  if many then
    if seen[ARGV[a]] then
      return redis.error_reply('ERR the document ' .. ARGV[a] .. ' is saved twice in one call')
    end
    seen[ARGV[a]] = true
    firstKey[i], firstArg[i] = k, a
  end
  local e = tonumber(ARGV[a + 8 + n])
  local err
  err, a = checkEntries(a + 9 + n, e)
  if err then return redis.error_reply(err) end
  k = k + 2 + e
end
-- A fenced save (one document) ends with its fencing token (before the feed's two arguments), its
-- keys with the document's lock and the bucket's fencing counter: refused (REFUSED_FENCE) once a
-- newer token has been issued, that is, while the lock is held under another token or, when it is
-- not held, once the counter (per bucket, so erring on the side of refusal) has passed the token.
local fenced = count == 1 and a == #ARGV - 2 and k + 1 == #KEYS
if not fenced and (k ~= #KEYS + 1 or a ~= #ARGV - 1) then
  return redis.error_reply('ERR the index entry arguments do not match their ' .. (#KEYS - 1) .. ' key(s)')
end
if fenced then
  local token, holder = tonumber(ARGV[a]), redis.call('HGET', KEYS[k], 'fence')
  if (holder and tonumber(holder) ~= token) or (not holder and (tonumber(redis.call('GET', KEYS[k + 1])) or 0) > token) then
    return { 1, REFUSED_FENCE }
  end
end

-- One document (every save): written straight, as a call of many would cost it more (the tables
-- that share work between documents are garbage the Lua collector then has to find).
if not many then
  local id, ttl, manifest, n = ARGV[4], ARGV[8], ARGV[10], tonumber(ARGV[11])
  local inDocument = ARGV[9] == MANIFEST_IN_DOCUMENT
  local doc, manifestKey = KEYS[2], KEYS[3]
  local refused = refusal(4, doc)
  if refused then return { 1, refused } end
  local old, oldInDocument
  if form == FORM_HASH then
    old, oldInDocument = readManifest(doc, manifestKey)
  else
    old, oldInDocument = redis.call('GET', manifestKey), false
  end
  local stale = staleEntries(base, id, old, manifest)
  reachable(stale)
  local before = FEED_ON and documentBefore(form, doc)
  writeDocument(doc, 12, 11 + n, ttl)
  redis.call('ZADD', KEYS[1], '0', id)
  writeEntries(id, doc, 4, 13 + n, tonumber(ARGV[12 + n]))
  removeEntries(stale)
  storeManifest(doc, manifestKey, manifest, inDocument, inDocument and manifest, not oldInDocument and old)
  if FEED_ON then reportWrite(4, KEYS[2], before, old, 12, 11 + n) end
  return {}
end

-- The documents whose condition and version hold (their positions, in order), and those refused
-- (each position followed by why).
local order, refused = {}, {}
for i = 1, count do
  local why = refusal(firstArg[i], KEYS[firstKey[i]])
  if why then
    refused[#refused + 1], refused[#refused + 2] = i, why
  else
    order[#order + 1] = i
  end
end
if #order == 0 or (allOrNothing and #refused > 0) then return refused end

-- The old manifests, read before anything is written: from the documents' hashes, then (one MGET)
-- from the manifest keys of the others (firstKey[i], firstArg[i]: where document i starts).
local old, oldInDocument = {}, {}
local missing, missingAt = {}, {}
for _, i in ipairs(order) do
  local manifest = false
  if form == FORM_HASH then
    manifest = redis.pcall('HGET', KEYS[firstKey[i]], MANIFEST_FIELD)
    if type(manifest) ~= 'string' then manifest = false end
  end
  old[i], oldInDocument[i] = manifest, manifest and true or false
  if not manifest then
    missing[#missing + 1] = KEYS[firstKey[i] + 1]
    missingAt[#missing] = i
  end
end
if #missing > 0 then
  local found = redis.call('MGET', unpack(missing))
  for j = 1, #missing do old[missingAt[j]] = found[j] end
end

-- The entries each document leaves, their keys checked before anything is written.
local stale = {}
for _, i in ipairs(order) do
  stale[i] = staleEntries(base, ARGV[firstArg[i]], old[i], ARGV[firstArg[i] + 6])
  reachable(stale[i])
end

-- What the change feed needs of the documents before they are replaced.
local before = {}
if FEED_ON then
  for _, i in ipairs(order) do before[i] = documentBefore(form, KEYS[firstKey[i]]) end
end

-- The documents: one DEL for the deleted ones, each saved one written over the stored one.
local documents, deleted, ids, gone = {}, {}, {}, {}
for _, i in ipairs(order) do
  documents[i] = KEYS[firstKey[i]]
  if ARGV[firstArg[i] + 5] == MANIFEST_IN_NOWHERE then
    deleted[#deleted + 1] = documents[i]
    gone[#gone + 1] = ARGV[firstArg[i]]
  else
    local size = #ids
    ids[size + 1], ids[size + 2] = '0', ARGV[firstArg[i]]
  end
end
if #deleted > 0 then redis.call('DEL', unpack(deleted)) end
for _, i in ipairs(order) do
  local at = firstArg[i]
  if ARGV[at + 5] ~= MANIFEST_IN_NOWHERE then
    writeDocument(documents[i], at + 8, at + 7 + tonumber(ARGV[at + 7]), ARGV[at + 4])
  end
end
if #ids > 0 then redis.call('ZADD', KEYS[1], unpack(ids)) end
if #gone > 0 then redis.call('ZREM', KEYS[1], unpack(gone)) end

-- The entries of all documents, one ZADD (or GEOADD) per key.
local adds = {}
for _, i in ipairs(order) do
  local at = firstArg[i]
  local n = tonumber(ARGV[at + 7])
  local e = tonumber(ARGV[at + 8 + n])
  collectEntries(adds, ARGV[at], documents[i], firstKey[i] + 2, at + 9 + n, e)
end
writeCollected(adds)

-- Last, per document: the entries only its old manifest names, and its new manifest (a deleted
-- document's manifest is empty: every old entry goes, and its manifest key).
for _, i in ipairs(order) do
  local at = firstArg[i]
  local id, manifest = ARGV[at], ARGV[at + 6]
  local inDocument = ARGV[at + 5] == MANIFEST_IN_DOCUMENT
  removeEntries(stale[i])
  storeManifest(documents[i], KEYS[firstKey[i] + 1], manifest, inDocument, inDocument and manifest,
    not oldInDocument[i] and old[i])
  if FEED_ON then reportWrite(at, documents[i], before[i], old[i], at + 8, at + 7 + tonumber(ARGV[at + 7])) end
end
return refused
