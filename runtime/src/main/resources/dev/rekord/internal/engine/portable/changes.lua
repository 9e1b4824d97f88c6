-- Shared by every script that writes or removes documents (EngineScripts prepends it): the change
-- feed of a model, written in the same script, so atomically, as the change itself. Call
-- appendChange once per change; any script that changes a document (a partial update too) does
-- so after its write.
-- The feed's settings are the last two arguments of every document script (ScriptCalls.feed):
-- ARGV[#ARGV - 1] the stream's length cap ('0': no stream; else XADD MAXLEN ~ cap to the bucket's
-- stream '{tag}#' .. CHANGES_KEY), ARGV[#ARGV] the pub/sub channel ('': none) that hears
-- '<kind>:<id>' for every change. An event in the stream: the fields EVENT_ID, EVENT_KIND (CHANGE_*), EVENT_FIELDS
-- (the stored names of the fields that changed, joined by ','; '' when not known) and EVENT_VERSION
-- (the @Version the document has now; '' when none); its time is the time in its stream entry id.
local FEED_CAP, FEED_CHANNEL = ARGV[#ARGV - 1], ARGV[#ARGV]
local FEED_ON = FEED_CAP ~= '0' or FEED_CHANNEL ~= ''

-- Appends one change of document `id` of the bucket with index base `base` to the feed: `kind`
-- (CHANGE_*), `fields` and `version` as above. Nothing when the model has no feed.
local function appendChange(base, id, kind, fields, version)
  if FEED_CAP ~= '0' then
    redis.call('XADD', base .. CHANGES_KEY, 'MAXLEN', '~', FEED_CAP, '*',
      EVENT_ID, id, EVENT_KIND, kind, EVENT_FIELDS, fields or '', EVENT_VERSION, version or '')
  end
  if FEED_CHANNEL ~= '' then
    redis.call('PUBLISH', FEED_CHANNEL, kind .. ':' .. id)
  end
end

-- The kind of change of a document that is gone before Rekord removed it, by the manifest its
-- entries were removed with: CHANGE_EXPIRED when it had an expiry (the manifest names the bucket's
-- set of expiring ids, '{tag}#ttl'), else CHANGE_DELETED (deleted behind Rekord's back).
local function goneKind(base, id, manifest)
  local kind = CHANGE_DELETED
  eachEntry(manifest, base, id, function(key)
    if key == base .. EXPIRING_KEY then kind = CHANGE_EXPIRED end
  end)
  return kind
end

-- Reports a document gone before Rekord removed it, whose entries were just removed through
-- `manifest` (false: it had none, nothing to report).
local function appendGone(base, id, manifest)
  if FEED_ON and manifest then appendChange(base, id, goneKind(base, id, manifest)) end
end

-- The stored document before a write, for changedFields: the hash as a table (field -> value,
-- without MANIFEST_FIELD) or the JSON text decoded; false when there is none. Only read when the
-- feed has a stream; with a channel only, whether there is one; false without a feed.
local function documentBefore(form, doc)
  if FEED_CAP == '0' then return FEED_CHANNEL ~= '' and redis.call('EXISTS', doc) == 1 end
  if form == FORM_HASH then
    local flat = redis.pcall('HGETALL', doc)
    if type(flat) ~= 'table' or flat.err or #flat == 0 then return false end
    local fields = {}
    for i = 1, #flat, 2 do
      if flat[i] ~= MANIFEST_FIELD then fields[flat[i]] = flat[i + 1] end
    end
    return fields
  end
  local text = redis.pcall('GET', doc)
  if type(text) ~= 'string' then return false end
  local ok, decoded = pcall(cjson.decode, text)
  if ok and type(decoded) == 'table' then return decoded end
  return false
end

-- The stored names of the fields that differ between `before` (documentBefore; false: none, so
-- every field is new) and the new document (FORM_HASH: field/value pairs in ARGV[from..to], the
-- MANIFEST_FIELD pair skipped; FORM_JSON: the text in ARGV[from]), sorted and joined by ','.
-- JSON compares top-level properties by their encoded values.
local function changedFields(form, before, from, to)
  if FEED_CAP == '0' then return '' end
  local after = {}
  if form == FORM_HASH then
    for i = from, to, 2 do
      if ARGV[i] ~= MANIFEST_FIELD then after[ARGV[i]] = ARGV[i + 1] end
    end
  else
    local ok, decoded = pcall(cjson.decode, ARGV[from])
    if ok and type(decoded) == 'table' then
      for name, value in pairs(decoded) do after[name] = cjson.encode(value) end
    end
    if before then
      local encoded = {}
      for name, value in pairs(before) do encoded[name] = cjson.encode(value) end
      before = encoded
    end
  end
  local changed = {}
  for name, value in pairs(after) do
    if not before or before[name] ~= value then changed[#changed + 1] = name end
  end
  if before then
    for name in pairs(before) do
      if after[name] == nil then changed[#changed + 1] = name end
    end
  end
  table.sort(changed)
  return table.concat(changed, ',')
end
