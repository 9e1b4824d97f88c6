-- The digest of a stored document, for partial updates: read.lua returns it with the document,
-- and save.lua (CONDITION_UNCHANGED) writes only while the document still has it, so an update
-- computed from what was read cannot overwrite a write made since. '' when there is no document.
-- A hash's fields are taken in name order (HGETALL's order is not part of its contents), each name
-- and value prefixed by its length so no two contents give one text.
local function hashDigest(flat)
  if #flat == 0 then return '' end
  local at = {}
  for i = 1, #flat, 2 do at[#at + 1] = i end
  table.sort(at, function(x, y) return flat[x] < flat[y] end)
  local parts = {}
  for _, i in ipairs(at) do
    parts[#parts + 1] = #flat[i] .. ':' .. flat[i] .. #flat[i + 1] .. ':' .. flat[i + 1]
  end
  return redis.sha1hex(table.concat(parts))
end
local function textDigest(text)
  if not text then return '' end
  return redis.sha1hex(text)
end
-- The stored document at doc (FORM_HASH: HGETALL's flat array; FORM_JSON: the text or false) and
-- its digest.
local function readDigested(doc, form)
  if form == FORM_HASH then
    local flat = redis.call('HGETALL', doc)
    return flat, hashDigest(flat)
  end
  local text = redis.call('GET', doc)
  return text, textDigest(text)
end
