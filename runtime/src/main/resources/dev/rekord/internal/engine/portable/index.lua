-- The part of a saveAll on a standalone server that needs to read before it writes (IndexWriter.saveAll,
-- arguments built by ScriptCalls.indexOnly): it runs inside MULTI … EXEC before plain commands that
-- add the ids and the new index entries (one ZADD or GEOADD per key), write the documents (HSET,
-- a short manifest as the field MANIFEST_FIELD) and the manifests kept in keys (SET), so each
-- document is written with its entries or not at all, while neither its fields nor its entries pass
-- through Lua (as arguments, then as a command's: most of what save.lua costs per document). Only
-- for hash documents saved with no condition, no version, no expiry and no change feed, of one
-- bucket, of distinct ids; everything else goes through save.lua.
-- Each argument costs the server about a thousand instructions (parsed, made a Lua string,
-- collected), so a document travels as its id alone; its keys are built here, and the new
-- manifests, needed only when an old one exists, as one string. Keys it does not declare are safe
-- on a cluster too: there the transaction also declares a key of the bucket that never exists, so
-- Redis refuses it whole (TRYAGAIN, ASK) while the slot migrates, and runs it only where every key
-- of the slot is local (a script meeting a key already moved would stop half done while the
-- commands after it still ran).
-- KEYS[1] the bucket's set of all ids (the ZADD after the script writes it; in the compact layout
-- this script, with the compact entries); on a cluster KEYS[2] the bucket's key that never exists
-- (KeyLayout.Bucket.absent), unread.
-- ARGV[1] the bucket's index base '{tag}#', ARGV[2] its document prefix '{tag}:', ARGV[3] its
-- manifest prefix '{tag}#doc:', ARGV[4] the documents' new manifests (manifest.lua) in their order,
-- each as <length in bytes>:<manifest>, then each document's id.
-- Reads every old manifest, deletes the documents (the HSETs write them whole) and the manifest
-- keys that held old manifests (a SET after writes the new one), and removes the entries only an
-- old manifest names (then, in the compact layout, adds the compact entries). Returns the number of
-- documents.
local base, docPrefix, manifestPrefix, manifests = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local count = #ARGV - 4
if count < 1 then return redis.error_reply('ERR no document') end
-- The old manifests, before anything is written. An EXISTS of the documents and one of the
-- manifest keys say when there are none (a first load); else they are read from the documents' hashes (pcall: a
-- key of another type has none), then with one MGET from the manifest keys of the others.
local documents, manifestKeys = {}, {}
for i = 1, count do
  local id = ARGV[i + 4]
  documents[i], manifestKeys[i] = docPrefix .. id, manifestPrefix .. id
end
local old, inKey = {}, {}
local existing = redis.call('EXISTS', unpack(documents)) > 0
if existing or redis.call('EXISTS', unpack(manifestKeys)) > 0 then
  local missing, missingAt = {}, {}
  for i = 1, count do
    local manifest = existing and redis.pcall('HGET', documents[i], MANIFEST_FIELD)
    if type(manifest) == 'string' then
      old[i] = manifest
    else
      missing[#missing + 1] = manifestKeys[i]
      missingAt[#missing] = i
    end
  end
  if #missing > 0 then
    local found = redis.call('MGET', unpack(missing))
    for j = 1, #missing do
      if found[j] then
        old[missingAt[j]] = found[j]
        inKey[#inKey + 1] = missing[j]
      end
    end
  end
end
-- The new manifests, read (and checked) before anything is written: of the documents that had one,
-- and in the compact layout of all (they name the entries this script adds).
local new = {}
if next(old) or COMPACT_LAYOUT then
  local pos = 1
  for i = 1, count do
    local colon = string.find(manifests, ':', pos, true)
    local size = colon and tonumber(string.sub(manifests, pos, colon - 1))
    if not size or colon + size > #manifests then
      return redis.error_reply('ERR the manifests do not match the ' .. count .. ' document(s)')
    end
    if old[i] or COMPACT_LAYOUT then new[i] = string.sub(manifests, colon + 1, colon + size) end
    pos = colon + size + 1
  end
end
-- The entries only an old manifest names, found before anything is written (no key is checked: a
-- standalone server only).
local stale = {}
for i, manifest in pairs(old) do stale[i] = staleEntries(base, ARGV[i + 4], manifest, new[i]) end
if existing then redis.call('DEL', unpack(documents)) end
if #inKey > 0 then redis.call('DEL', unpack(inKey)) end
for _, entries in pairs(stale) do removeEntries(entries) end
-- The compact layout's entries, which no plain command after the script can add: each id to the
-- set of all ids, and the compact entries its new manifest names (the others, of plain sets, are
-- the ZADDs after the script).
if COMPACT_LAYOUT then
  for i = 1, count do
    local id = ARGV[i + 4]
    csAdd(KEYS[1], false, '0', id)
    eachEntry(new[i], base, id, addCompactEntry)
  end
end
return count
