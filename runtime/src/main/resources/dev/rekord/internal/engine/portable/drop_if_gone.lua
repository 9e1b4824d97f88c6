-- Removes the index entries of a document that no longer exists (expired, or deleted by someone
-- else); changes nothing while it exists (PortableRebuild; arguments built by
-- ScriptCalls.dropIfGone).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#'.
-- The last two arguments are the model's change feed (changes.lua), told of the document gone.
-- Returns 1 when the document exists, 0 when its entries were dropped.
if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
appendGone(ARGV[2], ARGV[1], unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1]))
return 0
