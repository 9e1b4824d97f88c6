-- save_head.lua: the arguments of the two save scripts (save.lua, save_one.lua), which write documents
-- of one bucket and their index entries, replacing the old ones (IndexWriter: one document per save,
-- many per saveAll; arguments built by ScriptCalls.save), or delete them with their entries (the
-- delete items of a unit of work, ScriptCalls.deleteItem), and what both do with them: the checks,
-- the conditions, the write of a document. A script runs atomically, so each document is written
-- with its entries or not at all.
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
-- Counts and sizes are read with `+ 0`, not tonumber: tonumber converts the text twice (about 1,700
-- server instructions a call against 950; a save reads five, a document of a saveAll four).
local base, form, count = ARGV[1], ARGV[2], ARGV[3] + 0
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
-- Writes the document whose n arguments are ARGV[from..to] over the stored one (hash_write.lua; stored:
-- its number of fields, when read already), with its time to live ttl (ms, '0': none); a JSON text
-- is one SET, which replaces value and time to live.
local function writeDocument(doc, from, to, ttl, stored)
  if form == FORM_HASH then
    writeHash(doc, from, to, ttl, nil, nil, stored)
  elseif ttl ~= '0' then
    redis.call('SET', doc, ARGV[from], 'PX', ttl)
  else
    redis.call('SET', doc, ARGV[from])
  end
end

-- Checks the arguments of every document before anything is written (a script that fails half-way
-- keeps its writes), noting in firstKey and firstArg (when given) where each document's keys and
-- arguments start, and in sizes its number of document arguments (n). Returns an error text, or nil and whether a fenced save is refused. A fenced
-- save (one document) ends with its fencing token (before the feed's two arguments), its keys with
-- the document's lock and the bucket's fencing counter: refused (REFUSED_FENCE) once a newer token
-- has been issued, that is, while the lock is held under another token or, when it is not held,
-- once the counter (per bucket, so erring on the side of refusal) has passed the token.
local function checkDocuments(firstKey, firstArg, sizes)
  local seen = firstKey and {}
  local k, a = 2, 4
  for i = 1, count do
    local condition, place, n = ARGV[a + 1], ARGV[a + 5], ARGV[a + 7] + 0
    if condition ~= CONDITION_ALWAYS and condition ~= CONDITION_ABSENT and condition ~= CONDITION_PRESENT
        and condition ~= CONDITION_UNCHANGED then
      return 'ERR unknown write condition ' .. tostring(condition)
    end
    if place ~= MANIFEST_IN_DOCUMENT and place ~= MANIFEST_IN_KEY and place ~= MANIFEST_IN_NOWHERE then
      return 'ERR unknown manifest place ' .. tostring(place)
    end
    if seen then
      if seen[ARGV[a]] then
        return 'ERR the document ' .. ARGV[a] .. ' is saved twice in one call'
      end
      seen[ARGV[a]] = true
      firstKey[i], firstArg[i], sizes[i] = k, a, n
    end
    local e = ARGV[a + 8 + n] + 0
    local err
    err, a = checkEntries(a + 9 + n, e)
    if err then return err end
    k = k + 2 + e
  end
  local fenced = count == 1 and a == #ARGV - 2 and k + 1 == #KEYS
  if not fenced and (k ~= #KEYS + 1 or a ~= #ARGV - 1) then
    return 'ERR the index entry arguments do not match their ' .. (#KEYS - 1) .. ' key(s)'
  end
  if fenced then
    local token, holder = tonumber(ARGV[a]), redis.call('HGET', KEYS[k], 'fence')
    if (holder and tonumber(holder) ~= token) or (not holder and (tonumber(redis.call('GET', KEYS[k + 1])) or 0) > token) then
      return nil, true
    end
  end
  return nil, false
end
