-- Deletes one document and every index entry its manifest names (IndexWriter; arguments built by
-- ScriptCalls.delete).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#'; a versioned delete only: ARGV[3] the documents' form
-- (FORM_*), ARGV[4] the stored name of the @Version, ARGV[5] the version expected stored.
-- Returns 1 if the document existed, else 0; for a versioned delete whose version is not the one
-- stored, {stored version} (0: no document), and nothing is deleted.
if ARGV[4] then
  local version = storedVersion(KEYS[1], ARGV[3], ARGV[4])
  if version ~= tonumber(ARGV[5]) then return { string.format('%d', version) } end
end
unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1])
return redis.call('DEL', KEYS[1])
