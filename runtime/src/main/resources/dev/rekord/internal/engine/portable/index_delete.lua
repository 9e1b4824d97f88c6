-- Deletes one document and every index entry its manifest (manifest.lua) names.
-- KEYS[1] document, KEYS[2] manifest, KEYS[3] sorted set of all ids ('{tag}#ids'); ARGV[1] id.
-- Returns 1 if the document existed, else 0.
unindex(KEYS[2], KEYS[3], ARGV[1])
return redis.call('DEL', KEYS[1])
