-- save.lua (after save_head.lua): the save of many documents, of delete items, and of a model with a
-- change feed (IndexWriter; one document without a feed is save_one.lua's). Work is shared between
-- the documents where Redis allows: one MGET of old manifests, one DEL of the deleted ones, one
-- ZADD of the ids, one ZADD per index key; the ids of one call are distinct. Every condition and
-- version is checked before anything is written; a document refused is left alone with its
-- entries, the others are written.

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

local firstKey, firstArg, sizes = {}, {}, {} -- where document i's keys and arguments start, its n
local err, fenceRefused = checkDocuments(firstKey, firstArg, sizes)
if err then return redis.error_reply(err) end
if fenceRefused then return { 1, REFUSED_FENCE } end

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
-- from the manifest keys of the others (firstKey[i], firstArg[i]: where document i starts). Two
-- EXISTS of many keys say first when there are none (a load of new documents), which a read per
-- document (pcall: a key of another type has none) cost about 3,500 server instructions more.
local old, oldInDocument = {}, {}
local missing, missingAt = {}, {}
local anyOld = true
if #order > 1 then
  local docs, manifestKeys = {}, {}
  for j, i in ipairs(order) do docs[j], manifestKeys[j] = KEYS[firstKey[i]], KEYS[firstKey[i] + 1] end
  anyOld = redis.call('EXISTS', unpack(docs)) > 0 or redis.call('EXISTS', unpack(manifestKeys)) > 0
end
for _, i in ipairs(anyOld and order or {}) do
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
    writeDocument(documents[i], at + 8, at + 7 + sizes[i], ARGV[at + 4])
  end
end
if COMPACT_LAYOUT then
  for j = 2, #ids, 2 do csAdd(KEYS[1], false, '0', ids[j]) end
  for _, id in ipairs(gone) do csRem(KEYS[1], false, '0', id) end
else
  if #ids > 0 then redis.call('ZADD', KEYS[1], unpack(ids)) end
  if #gone > 0 then redis.call('ZREM', KEYS[1], unpack(gone)) end
end

-- The entries only the old manifests name: after the new ones are written, in the compact layout
-- before (save_one.lua says why).
if COMPACT_LAYOUT then
  for _, i in ipairs(order) do removeEntries(stale[i]) end
end

-- The entries of all documents, one ZADD (or GEOADD) per key.
local adds = {}
for _, i in ipairs(order) do
  local at = firstArg[i]
  local n = sizes[i]
  local e = ARGV[at + 8 + n] + 0
  collectEntries(adds, ARGV[at], documents[i], firstKey[i] + 2, at + 9 + n, e)
end
writeCollected(adds)
if not COMPACT_LAYOUT then
  for _, i in ipairs(order) do removeEntries(stale[i]) end
end

-- Last, per document: its new manifest (a deleted document's manifest is empty: its manifest key
-- goes).
for _, i in ipairs(order) do
  local at = firstArg[i]
  local manifest = ARGV[at + 6]
  local inDocument = ARGV[at + 5] == MANIFEST_IN_DOCUMENT
  storeManifest(documents[i], KEYS[firstKey[i] + 1], manifest, inDocument, inDocument and manifest,
    not oldInDocument[i] and old[i])
  if FEED_ON then reportWrite(at, documents[i], before[i], old[i], at + 8, at + 7 + sizes[i]) end
end
return refused
