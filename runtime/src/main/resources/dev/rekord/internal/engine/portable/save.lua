-- Writes one document and its index entries atomically, replacing the old ones (IndexWriter;
-- arguments built by ScriptCalls.save).
-- KEYS[1] the document, KEYS[2] its manifest, KEYS[3] the bucket's set of all ids (score 0),
-- KEYS[4..] one per index entry (the bucket's set of expiring ids among them when the document
-- expires).
-- ARGV[1] id, ARGV[2] the bucket's index base '{tag}#', ARGV[3] the document's form (FORM_*),
-- ARGV[4] its time to live in ms (0: none), ARGV[5] the new manifest (manifest.lua) naming every
-- entry, ARGV[6] n: how many document arguments follow (FORM_HASH: field/value pairs; FORM_JSON:
-- the text), then per entry its op (ENTRY_*) and values (entries.lua).
-- Entries the old manifest names and the new one does not are removed. Returns 1.
-- Scores travel as strings: Redis formats a Lua number argument with printf.
local id, base, form, ttl, manifest = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local n = tonumber(ARGV[6])
local err = checkEntries(4, 7 + n)
if err then return redis.error_reply(err) end
if form ~= FORM_HASH and form ~= FORM_JSON then
  return redis.error_reply('ERR unknown document form ' .. tostring(form))
end

local old = redis.call('GET', KEYS[2])
redis.call('DEL', KEYS[1])
local expires = ttl ~= '0'
if form == FORM_HASH then
  for i = 7, 6 + n, 1000 do
    redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, 6 + n)))
  end
  if expires then redis.call('PEXPIRE', KEYS[1], ttl) end
elseif expires then
  redis.call('SET', KEYS[1], ARGV[7], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[7])
end
redis.call('ZADD', KEYS[3], '0', id)
writeEntries(id, 4, 7 + n)
replaceManifest(KEYS[2], base, id, old, manifest)
return 1
