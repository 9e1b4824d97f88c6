-- Shared by every engine script (EngineScripts prepends it): reading a document's manifest, which
-- names the index entries of that document so a save, reindex or delete removes exactly those,
-- whatever model or writer made them. The client writes it (Manifest.java), the save scripts
-- store it as it is: in the field MANIFEST_FIELD of the document's own hash (a hash document
-- saved without expiry, its manifest short enough to keep the hash compact), else in its manifest
-- key '{tag}#doc:<id>' (JSON documents, documents that expire — their manifest must outlive them
-- so their entries can still be removed —, long manifests). Never both.
-- One string, entry after entry, each in one of two forms, with the key relative to the bucket's
-- index base '{tag}#', which the client passes, and the value as the index holds it (escaped: it
-- never contains the byte 0):
--   short: a letter for the key's family (MANIFEST_FAMILY(): byte -> the start of the key's name),
--     the rest of the key's name, ':', then for a lower-case letter (a lexicographic index, members
--     value\0id) <m>:<value>: 'lcity:4:Oslo' for the member 'Oslo\0<id>' of '{tag}#lex:city',
--     'Nage:' for '<id>' in '{tag}#num:age'; in the compact layout (compact_set.lua) 'kcity:4:Oslo'
--     for the same member of the compact set '{tag}#lex:city', and 'Mage:2:40' for '<id>' scored 40
--     in the compact set '{tag}#num:age' (a compact set removes an entry by its score);
--   long (keys whose name holds values, and every entry of layouts up to 5): <n>:<key suffix> then
--     '=' (the member is the id) or <m>:<value>: '8:lex:city4:Oslo', '7:num:age='.

-- Calls fn(key, member, value, compact) for every entry of a manifest (a string, or false for none):
-- value is the (escaped) value of a 'value\0id' member or the score of a compact scored entry, else
-- nil; compact is COMPACT_VALUE or COMPACT_SCORE for an entry of a compact set, else nil.
local function eachEntry(manifest, base, id, fn)
  if not manifest then return end
  local families = MANIFEST_FAMILY()
  local pos, size = 1, #manifest
  while pos <= size do
    local code = string.byte(manifest, pos)
    local family = families[code]
    if family then
      local colon = string.find(manifest, ':', pos + 1, true)
      local key = base .. family .. string.sub(manifest, pos + 1, colon - 1)
      if code >= 97 or code == MANIFEST_COMPACT_SCORE then -- lower case: value\0id; or a score
        local sep = string.find(manifest, ':', colon + 1, true)
        local last = sep + tonumber(string.sub(manifest, colon + 1, sep - 1))
        local value = string.sub(manifest, sep + 1, last)
        if code == MANIFEST_COMPACT_SCORE then
          fn(key, id, value, COMPACT_SCORE)
        else
          fn(key, value .. '\0' .. id, value, code == MANIFEST_COMPACT_VALUE and COMPACT_VALUE or nil)
        end
        pos = last + 1
      else
        fn(key, id, nil)
        pos = colon + 1
      end
    else
      local colon = string.find(manifest, ':', pos, true)
      local stop = colon + tonumber(string.sub(manifest, pos, colon - 1))
      local key = base .. string.sub(manifest, colon + 1, stop)
      if string.byte(manifest, stop + 1) == 61 then -- '='
        fn(key, id, nil)
        pos = stop + 2
      else
        colon = string.find(manifest, ':', stop + 1, true)
        local last = colon + tonumber(string.sub(manifest, stop + 1, colon - 1))
        local value = string.sub(manifest, colon + 1, last)
        fn(key, value .. '\0' .. id, value)
        pos = last + 1
      end
    end
  end
end

-- Removes one entry named by a manifest (every index key is a sorted set; GEO sets too), of a
-- compact set (compact: COMPACT_VALUE, COMPACT_SCORE with its score as value) through
-- compact_set.lua, which only the compact layout's scripts and the rebuild's join (COMPACT_SETS:
-- whether this script has it).
local function removeEntry(key, member, value, compact)
  -- a standard layout's script, before migrate() rebuilt an index that was compact (checked before
  -- anything is written where a script can: staleEntries, unindex)
  if compact and not COMPACT_SETS then error({ err = 'SCHEMA ' .. key .. COMPACT_REFUSED }) end
  if compact == COMPACT_SCORE then
    csRem(key, true, value, member)
  elseif compact then
    csRem(key, false, '0', member)
  else
    redis.call('ZREM', key, member)
  end
end

-- Adds one entry named by a manifest (eachEntry's arguments) when it is of a compact set (a plain
-- set's entries the caller writes with one command per key): removeEntry's inverse there.
local function addCompactEntry(key, member, value, compact)
  if compact == COMPACT_SCORE then
    csAdd(key, true, value, member)
  elseif compact then
    csAdd(key, false, '0', member)
  end
end

-- A document's manifest and whether its hash holds it (else its manifest key does); false when
-- it has none. pcall: a JSON document is a string, on which HGET fails.
local function readManifest(docKey, manifestKey)
  local manifest = redis.pcall('HGET', docKey, MANIFEST_FIELD)
  if type(manifest) == 'string' then return manifest, true end
  return redis.call('GET', manifestKey), false
end

-- A hash document's old manifest, read before a save writes over it (save_one.lua, save_plain.lua):
-- how many fields the hash holds (false: the key holds another type; 0: a fresh document, whose
-- write then needs no check for stale fields), the manifest (false: none) and whether the hash
-- holds it (else its manifest key does).
local function storedManifest(doc, manifestKey)
  local stored, old = redis.pcall('HLEN', doc), false
  if type(stored) ~= 'number' then
    stored = false
  elseif stored > 0 then
    old = redis.call('HGET', doc, MANIFEST_FIELD)
  end
  if old then return stored, old, true end
  return stored, redis.call('GET', manifestKey), false
end

-- Checks, before a script writes anything, that the keys of entries (key, member, value, compact,
-- …: eachEntry's arguments, false for nil) are on this node. While a slot migrates, Redis runs a
-- script on the slot's source when every key it names is there, but refuses mid-script a command on
-- a key of the slot that has already moved.
-- Entry keys a manifest names are not among the script's keys, so one already moved would stop a
-- save or delete half done; an EXISTS of each meets that refusal before the first write, and the
-- call is retried whole.
local function reachable(entries)
  if not entries then return end
  for i = 1, #entries, 4 do redis.call('EXISTS', entries[i]) end
end

-- Removes entries (key, member, value, compact, …; nil: none).
local function removeEntries(entries)
  if not entries then return end
  for i = 1, #entries, 4 do removeEntry(entries[i], entries[i + 1], entries[i + 2], entries[i + 3]) end
end

-- Removes the index entries of a document that is gone or about to be deleted: those its manifest
-- names, its manifest key, and its id from the bucket's set of all ids (a manifest in the
-- document's hash goes with the document). Returns the manifest (false: none). checked: every
-- entry's key is found reachable first (a delete, whose document would otherwise stay with some
-- entries removed); a document already gone needs no check, as its manifest key goes last and a
-- removal stopped half way is done again at the next sweep.
local function unindex(docKey, manifestKey, idsKey, base, id, checked)
  local manifest, inDocument = readManifest(docKey, manifestKey)
  if manifest then
    if checked then
      local entries = {}
      eachEntry(manifest, base, id, function(key, member, value, compact)
        if compact and not COMPACT_SETS then error({ err = 'SCHEMA ' .. key .. COMPACT_REFUSED }) end
        local n = #entries
        entries[n + 1], entries[n + 2], entries[n + 3], entries[n + 4] = key, member, value or false, compact or false
      end)
      reachable(entries)
      removeEntries(entries)
    else
      eachEntry(manifest, base, id, removeEntry)
    end
    if not inDocument then redis.call('DEL', manifestKey) end
  end
  removeEntry(idsKey, id, nil, COMPACT_LAYOUT and COMPACT_VALUE)
  return manifest
end
