-- Shared by every engine script (EngineScripts prepends it): reading the per-document manifest,
-- which names the index entries of one document so a save or delete removes exactly those,
-- whatever model or writer made them. The client writes it (Manifest.java), the save script
-- stores it.
-- Layout 4: one string, entry after entry, each
--   <n>:<key suffix> then '=' (the member is the id) or <m>:<value> (the member is value\0id)
-- with the key suffix relative to the bucket's index base '{tag}#' (e.g. '8:lex:city4:Oslo'
-- for the member 'Oslo\0<id>' of '{tag}#lex:city', '7:num:age=' for '<id>' in '{tag}#num:age').
-- Layouts 1-3 kept a list of pairs (op .. key, member), op 'z' (ZREM) or 's' (SREM, layout 1);
-- a migration rewrites them, and until then they are read (and replaced) as they are met.

-- The manifest of a document: its string, or false when it has none; a list (layouts 1-3) as
-- its table of pairs.
local function readManifest(key)
  local text = redis.pcall('GET', key)
  if type(text) == 'table' and text.err then
    return redis.call('LRANGE', key, 0, -1)
  end
  return text
end

-- Calls fn(op, key, member, value) for every entry of a manifest read by readManifest: op 'z'
-- (ZREM) or 's' (SREM, layout 1), value the tag value of a 'value\0id' member, else nil.
local function eachEntry(manifest, base, id, fn)
  if not manifest then return end
  if type(manifest) == 'table' then
    for i = 1, #manifest, 2 do
      fn(string.sub(manifest[i], 1, 1), string.sub(manifest[i], 2), manifest[i + 1], nil)
    end
    return
  end
  local pos, size = 1, #manifest
  while pos <= size do
    local colon = string.find(manifest, ':', pos, true)
    local stop = colon + tonumber(string.sub(manifest, pos, colon - 1))
    local key = base .. string.sub(manifest, colon + 1, stop)
    if string.byte(manifest, stop + 1) == 61 then -- '='
      fn('z', key, id, nil)
      pos = stop + 2
    else
      colon = string.find(manifest, ':', stop + 1, true)
      local last = colon + tonumber(string.sub(manifest, stop + 1, colon - 1))
      local value = string.sub(manifest, colon + 1, last)
      fn('z', key, value .. '\0' .. id, value)
      pos = last + 1
    end
  end
end

-- Removes one entry named by a manifest.
local function removeEntry(op, key, member)
  if op == 's' then
    redis.call('SREM', key, member)
  else
    redis.call('ZREM', key, member)
  end
end

-- Removes a document's every index entry: those its manifest names, the manifest, and its id
-- from the bucket's set of all ids ('{tag}#ids', whose name minus 'ids' is the index base).
local function unindex(manifestKey, allKey, id)
  local manifest = readManifest(manifestKey)
  if manifest then
    eachEntry(manifest, string.sub(allKey, 1, -4), id, removeEntry)
    redis.call('DEL', manifestKey)
  end
  redis.call('ZREM', allKey, id)
end
