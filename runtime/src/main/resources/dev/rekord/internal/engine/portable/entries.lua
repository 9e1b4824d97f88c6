-- Shared by the scripts that write index entries (save.lua, reindex.lua; EngineScripts prepends
-- it): the new entries of one document, and the replacement of its manifest. The entries arrive
-- as KEYS[k..], one key each, and from ARGV[a] per entry its op (ENTRY, generated from
-- EntryOp.java) followed by the op's ENTRY_ARITY values.

-- How each op writes its entry: key, id, and the position of its first value in ARGV.
local WRITE = {
  [ENTRY.ID] = function(key, id, _) redis.call('ZADD', key, '0', id) end,
  [ENTRY.SCORE] = function(key, id, a) redis.call('ZADD', key, ARGV[a], id) end,
  [ENTRY.VALUE] = function(key, id, a) redis.call('ZADD', key, '0', ARGV[a] .. '\0' .. id) end,
  [ENTRY.GEO] = function(key, id, a) redis.call('GEOADD', key, ARGV[a], ARGV[a + 1], id) end,
}

-- An error text unless ARGV from a holds exactly one known op and its values per key from
-- KEYS[k]: checked before anything is written, as a script that fails half-way keeps its writes.
local function checkEntries(k, a)
  for _ = k, #KEYS do
    local op = ARGV[a]
    if not (op and WRITE[op] and ENTRY_ARITY[op]) then
      return 'ERR unknown index entry op ' .. tostring(op)
    end
    a = a + 1 + ENTRY_ARITY[op]
  end
  if a ~= #ARGV + 1 then
    return 'ERR the index entry arguments do not match their ' .. (#KEYS - k + 1) .. ' key(s)'
  end
  return nil
end

-- Writes the entries of KEYS[k..] (ZADD and GEOADD replace the member's score if it is there).
local function writeEntries(id, k, a)
  for i = k, #KEYS do
    local op = ARGV[a]
    WRITE[op](KEYS[i], id, a + 1)
    a = a + 1 + ENTRY_ARITY[op]
  end
end

-- Stores a document's new manifest after its entries were written: removes the entries the old
-- manifest (false: none) names and the new one does not, then SETs the new one; nothing at all
-- when it is unchanged (an update that changes no indexed value touches only the document).
local function replaceManifest(manifestKey, base, id, old, manifest)
  if old == manifest then return end
  if old then
    local kept = {}
    eachEntry(manifest, base, id, function(key, member)
      local members = kept[key]
      if not members then
        members = {}
        kept[key] = members
      end
      members[member] = true
    end)
    eachEntry(old, base, id, function(key, member)
      local members = kept[key]
      if not (members and members[member]) then removeEntry(key, member) end
    end)
  end
  if manifest == '' then
    if old then redis.call('DEL', manifestKey) end
  else
    redis.call('SET', manifestKey, manifest)
  end
end
