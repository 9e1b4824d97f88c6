-- Reads one document for a partial update (PortableQueryEngine.read): the document, the digest
-- save.lua checks before writing the updated one (digest.lua), and its time to live.
-- KEYS[1] the document; ARGV[1] its form (FORM_*).
-- Returns {document (HGETALL's flat array, the JSON text, or false when there is none), digest,
-- PTTL in ms (-1: none, -2: no document)}.
local document, digest = readDigested(KEYS[1], ARGV[1])
return { document, digest, redis.call('PTTL', KEYS[1]) }
