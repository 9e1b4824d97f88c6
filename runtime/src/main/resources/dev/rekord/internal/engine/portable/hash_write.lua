-- Shared by both engines' save scripts (the portable engine's save.lua, the search engine's
-- search-write): writing a hash document over the stored one.
-- Never by deleting the key first: while a slot migrates, Redis runs a script on the source when
-- the keys it names are there, and refuses mid-script a command on a key of that slot that is not,
-- so a document deleted and then written anew was lost. The fields are set, the fields the document
-- no longer has removed (HLEN says when there are any), its time to live replaced; a key of another
-- type (a mismatched document) is the only one deleted.
-- doc: the key; ARGV[first..last]: field/value pairs; ttl: ms (0 or '0': none); extraField, extraValue: a
-- field written with them when not nil (the search engine's expiry field); stored: how many fields
-- the hash held before, when the caller has read it (false: the key holds another type; nil: read
-- here). Knowing it before the write tells a fresh document, which needs no check for stale fields.
local function writeHash(doc, first, last, ttl, extraField, extraValue, stored)
  if last < first and not extraField then
    redis.call('DEL', doc)
    return
  end
  if stored == nil then
    stored = redis.pcall('HLEN', doc)
    if type(stored) ~= 'number' then stored = false end
  end
  if not stored then
    redis.call('DEL', doc)
    stored = 0
  end
  local added = 0
  for from = first, last, 1000 do
    local to = math.min(from + 999, last)
    if from == first and extraField then
      added = added + redis.call('HSET', doc, extraField, extraValue, unpack(ARGV, from, to))
    else
      added = added + redis.call('HSET', doc, unpack(ARGV, from, to))
    end
  end
  if last < first then added = redis.call('HSET', doc, extraField, extraValue) end
  local fields = (last - first + 1) / 2
  if extraField then fields = fields + 1 end
  if stored + added > fields then
    local kept, stale = {}, {}
    for i = first, last, 2 do kept[ARGV[i]] = true end
    if extraField then kept[extraField] = true end
    for _, field in ipairs(redis.call('HKEYS', doc)) do
      if not kept[field] then stale[#stale + 1] = field end
    end
    for i = 1, #stale, 1000 do
      redis.call('HDEL', doc, unpack(stale, i, math.min(i + 999, #stale)))
    end
  end
  if ttl ~= '0' and ttl ~= 0 then -- not tonumber(ttl) > 0: ~1,600 server instructions a save
    redis.call('PEXPIRE', doc, ttl)
  elseif stored > 0 then -- it was stored before, maybe with a time to live
    redis.call('PERSIST', doc)
  end
end
