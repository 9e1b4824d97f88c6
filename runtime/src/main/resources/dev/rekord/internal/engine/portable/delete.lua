-- Deletes one document and every index entry its manifest names (IndexWriter; arguments built by
-- ScriptCalls.delete).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#'; a versioned delete only: ARGV[3] the documents' form
-- (FORM_*), ARGV[4] the stored name of the @Version, ARGV[5] the version expected stored.
-- Returns 1 if the document existed, else 0; for a versioned delete whose version is not the one
-- stored, {stored version} (0: no document), and nothing is deleted.
-- The last two arguments are the model's change feed (changes.lua): CHANGE_DELETED when the
-- document existed; CHANGE_EXPIRED when it had expired and only its entries were left.
if #ARGV == 7 then
  local version = storedVersion(KEYS[1], ARGV[3], ARGV[4])
  if version ~= tonumber(ARGV[5]) then return { string.format('%d', version) } end
end
local manifest = unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1])
local existed = redis.call('DEL', KEYS[1])
if existed == 1 then
  if FEED_ON then appendChange(ARGV[2], ARGV[1], CHANGE_DELETED) end
else
  appendGone(ARGV[2], ARGV[1], manifest)
end
return existed
