-- Deletes one document and every index entry its manifest names (IndexWriter; arguments built by
-- ScriptCalls.delete).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#', ARGV[3] the documents' form (FORM_*), ARGV[4] the
-- stored name of the @Version ('': none), ARGV[5] the version expected stored ('': any, an
-- unconditional delete).
-- Returns 1 if the document existed, else 0; for a versioned delete whose version is not the one
-- stored, {stored version} (0: no document), and nothing is deleted.
-- The last two arguments are the model's change feed (changes.lua): CHANGE_DELETED with the
-- version the document had when it existed; CHANGE_EXPIRED when it had expired and only its
-- entries were left.
local version = ''
if ARGV[5] ~= '' then
  local stored = storedVersion(KEYS[1], ARGV[3], ARGV[4])
  if stored ~= tonumber(ARGV[5]) then return { string.format('%d', stored) } end
  if FEED_ON then version = string.format('%d', stored) end
else
  version = eventVersion(KEYS[1], ARGV[3], ARGV[4])
end
local manifest = unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1], true)
local existed = redis.call('DEL', KEYS[1])
if existed == 1 then
  if FEED_ON then appendChange(ARGV[2], ARGV[1], CHANGE_DELETED, '', version) end
else
  appendGone(ARGV[2], ARGV[1], manifest)
end
return existed
