-- Deletes one document and every index entry its manifest names (IndexWriter; arguments built by
-- ScriptCalls.delete).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#'.
-- Returns 1 if the document existed, else 0.
-- The last two arguments are the model's change feed (changes.lua): CHANGE_DELETED when the
-- document existed; CHANGE_EXPIRED when it had expired and only its entries were left.
local manifest = unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1])
local existed = redis.call('DEL', KEYS[1])
if existed == 1 then
  if FEED_ON then appendChange(ARGV[2], ARGV[1], CHANGE_DELETED) end
else
  appendGone(ARGV[2], ARGV[1], manifest)
end
return existed
