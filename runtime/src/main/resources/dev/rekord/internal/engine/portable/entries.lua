-- Shared by the scripts that write index entries (save.lua, reindex.lua; EngineScripts prepends
-- it): the new entries of one document, and the replacement of its manifest. The entries arrive
-- as KEYS[k..], one key each, and from ARGV[a] per entry its op (ENTRY_ID, ENTRY_SCORE, …,
-- generated from EntryOp.java) followed by the op's ENTRY_ARITY values.

-- An error text unless ARGV from a holds exactly one known op and its values per key from
-- KEYS[k]: checked before anything is written, as a script that fails half-way keeps its writes.
local function checkEntries(k, a)
  for _ = k, #KEYS do
    local arity = ENTRY_ARITY[ARGV[a]]
    if not arity then
      return 'ERR unknown index entry op ' .. tostring(ARGV[a])
    end
    a = a + 1 + arity
  end
  if a ~= #ARGV + 1 then
    return 'ERR the index entry arguments do not match their ' .. (#KEYS - k + 1) .. ' key(s)'
  end
  return nil
end

-- Writes the entries of KEYS[k..], each as the command of its op (EntryOp.command(); ZADD and
-- GEOADD replace the member's score if it is there).
local function writeEntries(id, k, a)
  for i = k, #KEYS do
    local op, key = ARGV[a], KEYS[i]
    if op == ENTRY_ID then
      redis.call('ZADD', key, '0', id)
    elseif op == ENTRY_SCORE then
      redis.call('ZADD', key, ARGV[a + 1], id)
    elseif op == ENTRY_VALUE then
      redis.call('ZADD', key, '0', ARGV[a + 1] .. '\0' .. id)
    elseif op == ENTRY_GEO then
      redis.call('GEOADD', key, ARGV[a + 1], ARGV[a + 2], id)
    elseif op == ENTRY_EXPIRY then
      -- KEYS[1] is the document in every script that writes entries; its expiry is set by now
      redis.call('ZADD', key, redis.call('PEXPIRETIME', KEYS[1]), id)
    end
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
