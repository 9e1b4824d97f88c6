-- query_chunk.lua (EngineScripts joins it after query_common.lua, manifest.lua and changes.lua): one
-- chunk of a large result's documents, read from the snapshot of its ids that query.lua wrote
-- (MODE_SNAPSHOT), so the ids never travel to the client on their own. Arguments built by
-- ScriptCalls.queryChunk:
-- KEYS[1] the snapshot (a list of ids, in the query's order), KEYS[2] the bucket's sorted set of all
-- ids. ARGV[1] the document key prefix '{tag}:', ARGV[2] the manifest key prefix '{tag}#doc:',
-- ARGV[3] the index base '{tag}#', ARGV[4] the documents' form (FORM_*), ARGV[5] and ARGV[6] the
-- first and last position of the chunk in the snapshot, ARGV[7] the snapshot's ttl in ms (renewed),
-- ARGV[8] '1' when this is the result's last chunk: the snapshot is deleted once read. Then the
-- model's change feed (changes.lua), told of each gone document unindexed here.
-- Returns {n, id, document, id, document, …}: n the ids the chunk read from the snapshot (fewer than
-- asked only when the snapshot is gone: the client reports it), then each id whose document lives
-- with its document as read in this call (documentAt: HGETALL's flat array or the JSON text; false
-- (nil) when the key holds another type). An id whose document is gone (deleted since the snapshot,
-- expired) is left out and its index entries removed, as query.lua's MODE_DOCUMENTS does.
local ids = redis.call('LRANGE', KEYS[1], ARGV[5], ARGV[6])
local docPrefix, manifestPrefix, base, form = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local out = { #ids }
for _, id in ipairs(ids) do
  local document = documentAt(docPrefix .. id, form)
  if document == nil then
    appendGone(base, id, unindex(docPrefix .. id, manifestPrefix .. id, KEYS[2], base, id))
  else
    out[#out + 1] = id
    out[#out + 1] = document
  end
end
if ARGV[8] == '1' then
  redis.call('UNLINK', KEYS[1])
elseif #ids > 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[7])
end
return out
