-- The @Version stored in the document at doc (stored in FORM_* form) under the name field: 0 when
-- there is no document or no such field (a document stored before the model had @Version).
local function storedVersion(doc, form, field)
  local stored = false
  if form == FORM_HASH then
    stored = redis.call('HGET', doc, field)
  else
    local text = redis.call('GET', doc)
    if text then stored = cjson.decode(text)[field] end
  end
  return tonumber(stored) or 0
end
-- The @Version of the document at doc as a change event carries it (changes.lua): '' when the
-- model has none (field '') or no feed hears it.
local function eventVersion(doc, form, field)
  if field == '' or not FEED_ON then return '' end
  return string.format('%d', storedVersion(doc, form, field))
end
