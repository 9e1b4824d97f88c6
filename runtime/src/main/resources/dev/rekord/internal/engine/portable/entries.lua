-- Shared by the scripts that write index entries (save.lua, reindex.lua; EngineScripts prepends
-- it): the new entries of one document, and the replacement of its manifest. A document's entries
-- arrive as `count` keys from KEYS[k], one each, and from ARGV[a] per entry its op (ENTRY_ID,
-- ENTRY_SCORE, …, generated from EntryOp.java) followed by as many values as its arity.

-- Checks that ARGV from a holds one known op and its values for each of `count` entries; returns
-- an error text, or nil and the position after them. Scripts check all their arguments before
-- they write anything, as a script that fails half-way keeps its writes.
local function checkEntries(a, count)
  for _ = 1, count do
    local op = ARGV[a]
    local arity = ENTRY_ARITY(op)
    if not arity then
      return 'ERR unknown index entry op ' .. tostring(op)
    end
    a = a + 1 + arity
  end
  if a > #ARGV + 1 then
    return 'ERR the index entry arguments do not match their ' .. count .. ' key(s)'
  end
  return nil, a
end

-- Writes the `count` entries of KEYS[k..], each as the command of its op (EntryOp.command(); ZADD
-- and GEOADD replace the member's score if it is there; an entry of a compact set goes in through
-- compact_set.lua, after the document's stale entries were removed); returns the position after
-- their arguments.
local function writeEntries(id, doc, k, a, count)
  for i = k, k + count - 1 do
    local op, key = ARGV[a], KEYS[i]
    if op == ENTRY_ID then
      redis.call('ZADD', key, '0', id)
      a = a + 1
    elseif op == ENTRY_SCORE then
      redis.call('ZADD', key, ARGV[a + 1], id)
      a = a + 2
    elseif op == ENTRY_VALUE then
      redis.call('ZADD', key, '0', ARGV[a + 1] .. '\0' .. id)
      a = a + 2
    elseif op == ENTRY_COMPACT_SCORE then
      csAdd(key, true, ARGV[a + 1], id)
      a = a + 2
    elseif op == ENTRY_COMPACT_VALUE then
      csAdd(key, false, '0', ARGV[a + 1] .. '\0' .. id)
      a = a + 2
    elseif op == ENTRY_EXPIRY then
      -- The score of a document's entry in its bucket's set of expiring ids: its expiry time (unix
      -- ms; `doc` is written and its expiry set by now). 0 (due at once) when it has none left:
      -- PEXPIRE of 1 ms deletes the key at once when the server's clock passes a millisecond
      -- between reading the time and checking it (Redis 7.0), so a document can be gone by the
      -- time its entries are written, and the next sweep must find it due. Not a function of its
      -- own: one that writeEntries names is an upvalue every call builds (~2,000 instructions).
      local at = redis.call('PEXPIRETIME', doc)
      redis.call('ZADD', key, at < 0 and 0 or at, id)
      a = a + 1
    else -- ENTRY_GEO
      redis.call('GEOADD', key, ARGV[a + 1], ARGV[a + 2], id)
      a = a + 3
    end
  end
  return a
end

-- Adds the `count` entries of KEYS[k..] of document `id` to `adds` (key -> its command's
-- arguments after the key; GEOADD keys under a mark), so that writeCollected sends one command per
-- key for many documents; an entry of a compact set is written at once (compact_set.lua).
local function collectEntries(adds, id, doc, k, a, count)
  for i = k, k + count - 1 do
    local op, key = ARGV[a], KEYS[i]
    if op == ENTRY_COMPACT_SCORE then
      csAdd(key, true, ARGV[a + 1], id)
      a = a + 2
    elseif op == ENTRY_COMPACT_VALUE then
      csAdd(key, false, '0', ARGV[a + 1] .. '\0' .. id)
      a = a + 2
    else
      if op == ENTRY_GEO then key = '\0' .. key end
      local args = adds[key]
      if not args then
        args = {}
        adds[key] = args
      end
      local size = #args
      if op == ENTRY_ID then
        args[size + 1], args[size + 2] = '0', id
        a = a + 1
      elseif op == ENTRY_SCORE then
        args[size + 1], args[size + 2] = ARGV[a + 1], id
        a = a + 2
      elseif op == ENTRY_VALUE then
        args[size + 1], args[size + 2] = '0', ARGV[a + 1] .. '\0' .. id
        a = a + 2
      elseif op == ENTRY_EXPIRY then
        local at = redis.call('PEXPIRETIME', doc) -- as writeEntries' expiry score
        args[size + 1], args[size + 2] = at < 0 and 0 or at, id
        a = a + 1
      else -- ENTRY_GEO
        args[size + 1], args[size + 2], args[size + 3] = ARGV[a + 1], ARGV[a + 2], id
        a = a + 3
      end
    end
  end
end

-- Sends what collectEntries gathered: ZADD (GEOADD for keys under the mark) per key, in slices
-- that unpack can pass.
local function writeCollected(adds)
  for key, args in pairs(adds) do
    local command = 'ZADD'
    if string.byte(key, 1) == 0 then
      command, key = 'GEOADD', string.sub(key, 2)
    end
    local step = command == 'ZADD' and 2000 or 3000
    for j = 1, #args, step do
      redis.call(command, key, unpack(args, j, math.min(j + step - 1, #args)))
    end
  end
end

-- The entries (key, member, value, compact, …: eachEntry's, false for nil) a document's old
-- manifest (false: none) names and the new one does not; nil when it is unchanged (an update that
-- changes no indexed value touches only the document). An entry of a compact scored set is the same
-- only with the same score (the set finds it by its score). Read before anything is written
-- (reachable), removed once a document's new entries are written (in the compact layout before
-- them: save_one.lua says why).
local function staleEntries(base, id, old, manifest)
  if not old or old == manifest then return nil end
  local kept = {}
  eachEntry(manifest, base, id, function(key, member, value, compact)
    local members = kept[key]
    if not members then
      members = {}
      kept[key] = members
    end
    members[compact == COMPACT_SCORE and value .. '\0' .. member or member] = true
  end)
  local stale = {}
  eachEntry(old, base, id, function(key, member, value, compact)
    if compact and not COMPACT_SETS then error({ err = 'SCHEMA ' .. key .. COMPACT_REFUSED }) end
    local members = kept[key]
    if not (members and members[compact == COMPACT_SCORE and value .. '\0' .. member or member]) then
      local n = #stale
      stale[n + 1], stale[n + 2], stale[n + 3], stale[n + 4] = key, member, value or false, compact or false
    end
  end)
  return stale
end


-- Stores a document's new manifest where the client said (inDocument: the field MANIFEST_FIELD of
-- its hash, else its manifest key; an empty one nowhere) and removes it from the other place.
-- inField / inKey: what the document's field and the manifest key hold now (false: nothing).
local function storeManifest(docKey, manifestKey, manifest, inDocument, inField, inKey)
  if manifest == '' then
    inDocument = false
  end
  if inDocument then
    if inField ~= manifest then redis.call('HSET', docKey, MANIFEST_FIELD, manifest) end
    if inKey then redis.call('DEL', manifestKey) end
  else
    if inField then redis.call('HDEL', docKey, MANIFEST_FIELD) end
    if manifest == '' then
      if inKey then redis.call('DEL', manifestKey) end
    elseif inKey ~= manifest then
      redis.call('SET', manifestKey, manifest)
    end
  end
end
