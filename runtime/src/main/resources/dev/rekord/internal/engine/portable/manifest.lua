-- Shared by every engine script (EngineScripts prepends it): reading a document's manifest, which
-- names the index entries of that document so a save, reindex or delete removes exactly those,
-- whatever model or writer made them. The client writes it (Manifest.java), the save scripts
-- store it as it is.
-- One string, entry after entry, each
--   <n>:<key suffix> then '=' (the member is the id) or <m>:<value> (the member is value\0id)
-- with the key suffix relative to the bucket's index base '{tag}#', which the client passes, and
-- the value as the index holds it (escaped: it never contains the byte 0), e.g.
-- '8:lex:city4:Oslo' for the member 'Oslo\0<id>' of '{tag}#lex:city', '7:num:age=' for '<id>' in
-- '{tag}#num:age'.

-- Calls fn(key, member, value) for every entry of a manifest (a string, or false for none):
-- value is the (escaped) value of a 'value\0id' member, else nil.
local function eachEntry(manifest, base, id, fn)
  if not manifest then return end
  local pos, size = 1, #manifest
  while pos <= size do
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

-- Removes one entry named by a manifest (every index key is a sorted set; GEO sets too).
local function removeEntry(key, member)
  redis.call('ZREM', key, member)
end

-- Removes a document's every index entry: those its manifest names, the manifest, and its id from
-- the bucket's set of all ids.
local function unindex(manifestKey, idsKey, base, id)
  local manifest = redis.call('GET', manifestKey)
  if manifest then
    eachEntry(manifest, base, id, removeEntry)
    redis.call('DEL', manifestKey)
  end
  redis.call('ZREM', idsKey, id)
end
