-- Deletes one document and every index entry its manifest names (IndexWriter; arguments built by
-- ScriptCalls.delete).
-- KEYS[1] the document, KEYS[2] its manifest key, KEYS[3] the bucket's set of all ids; ARGV[1] id,
-- ARGV[2] the bucket's index base '{tag}#'.
-- Returns 1 if the document existed, else 0.
unindex(KEYS[1], KEYS[2], KEYS[3], ARGV[2], ARGV[1])
return redis.call('DEL', KEYS[1])
