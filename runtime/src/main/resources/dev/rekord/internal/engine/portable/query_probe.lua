-- query.lua, part 3 of 5: the ids of a node, probes of one id, and whether a document still exists.

-- Whether a score lies in a range node's bounds.
local function inRange(node, score)
  if node.loOpen then
    if not (score > node.lo) then return false end
  elseif not (score >= node.lo) then
    return false
  end
  if node.hiOpen then return score < node.hi end
  return score <= node.hi
end

-- The values an id's manifest names, each manifest read once: key -> its (escaped) tag value, or
-- its score in a compact set, per id.
local manifests = {}
local function manifestValue(key, id)
  local values = manifests[id]
  if not values then
    values = {}
    eachEntry((readManifest(docPrefix .. id, manifestPrefix .. id)), BASE, id, function(entryKey, _, value)
      if value then values[entryKey] = value end
    end)
    manifests[id] = values
  end
  return values[key]
end

-- The score of an id in a numeric index (ZSCORE; a compact set's from the id's manifest, as a
-- compact set finds an entry only by its score), remembered: a probe of a range and the sort value
-- of the same id cost one call.
local scores = {}
local function zscore(key, id)
  local known = tableAt(scores, key)
  local score = known[id]
  if score == nil then
    if compact[key] then
      score = manifestValue(key, id)
    else
      score = redis.call('ZSCORE', key, id)
    end
    score = score and tonumber(score) or false
    known[id] = score
  end
  return score
end

-- The ids of a list that a node holds, probed in bulk where the index allows: one ZMSCORE per
-- 1000 ids instead of a call per id (scores of a range are remembered for sorting).
local function probeAll(node, list)
  local op = node.op
  if op == PLAN_VALUE and compact[node.key] then
    local out, prefix = {}, node.value .. '\0'
    for _, id in ipairs(list) do
      if csHas(node.key, false, '0', prefix .. id) then out[#out + 1] = id end
    end
    return out
  end
  if op == PLAN_VALUE then
    local out, prefix = {}, node.value .. '\0'
    for from = 1, #list, 1000 do
      local to = math.min(#list, from + 999)
      local members = {}
      for i = from, to do members[#members + 1] = prefix .. list[i] end
      local found = redis.call('ZMSCORE', node.key, unpack(members))
      for i = from, to do
        if found[i - from + 1] then out[#out + 1] = list[i] end
      end
    end
    return out
  end
  if op ~= PLAN_SET and op ~= PLAN_ALL and op ~= PLAN_RANGE then
    local out = {}
    for _, id in ipairs(list) do
      if has(node, id) then out[#out + 1] = id end
    end
    return out
  end
  local key = node.key or ALL
  if compact[key] then
    local out = {}
    for _, id in ipairs(list) do
      local score
      if key == ALL then score = csHas(ALL, false, '0', id) and 0 else score = zscore(key, id) end
      if score and (op ~= PLAN_RANGE or inRange(node, score)) then out[#out + 1] = id end
    end
    return out
  end
  local known = tableAt(scores, key)
  local out = {}
  for from = 1, #list, 1000 do
    local to = math.min(#list, from + 999)
    local found = redis.call('ZMSCORE', key, unpack(list, from, to))
    for i = from, to do
      local score = found[i - from + 1]
      score = score and tonumber(score) or false
      known[list[i]] = score
      if score and (op ~= PLAN_RANGE or inRange(node, score)) then
        out[#out + 1] = list[i]
      end
    end
  end
  return out
end

-- The ids of a node, each once.
ids = function(node)
  if node.ids then return node.ids end
  local op, out = node.op, {}
  if op == PLAN_ALL then
    out = compact[ALL] and csRangeByRank(ALL, 0, -1, false) or redis.call('ZRANGE', ALL, 0, -1)
  elseif op == PLAN_SET then
    out = redis.call('ZRANGE', node.key, 0, -1)
  elseif op == PLAN_VALUE then
    local members
    if compact[node.key] then
      members = csRangeBy(node.key, false, node.min, node.max, false, 0, -1, false)
    else
      members = redis.call('ZRANGE', node.key, node.min, node.max, 'BYLEX')
    end
    for i, member in ipairs(members) do
      out[i] = string.sub(member, node.cut)
    end
  elseif op == PLAN_RANGE then
    if compact[node.key] then
      out = csRangeBy(node.key, true, node.min, node.max, false, 0, -1, false)
    else
      out = redis.call('ZRANGEBYSCORE', node.key, node.min, node.max)
    end
  elseif op == PLAN_PREFIX then
    local seen, members = {}, nil
    if compact[node.key] then
      members = csRangeBy(node.key, false, node.min, node.max, false, 0, -1, false)
    else
      members = redis.call('ZRANGEBYLEX', node.key, node.min, node.max)
    end
    for _, member in ipairs(members) do
      local id = idOf(member)
      if not seen[id] then
        seen[id] = true
        out[#out + 1] = id
      end
    end
  elseif op == PLAN_RADIUS then
    out = redis.call('GEOSEARCH', node.key, 'FROMLONLAT', node.lon, node.lat, 'BYRADIUS', node.r, 'm')
  elseif op == PLAN_BOX then
    local b = node.box
    local found = redis.call('GEOSEARCH', node.key, 'FROMLONLAT', node.lon, node.lat,
      'BYRADIUS', node.r, 'm', 'WITHCOORD')
    for _, hit in ipairs(found) do
      local lon, lat = tonumber(hit[2][1]), tonumber(hit[2][2])
      if lon >= b[1] and lat >= b[2] and lon <= b[3] and lat <= b[4] then
        out[#out + 1] = hit[1]
      end
    end
  elseif op == PLAN_AND then
    local driver, rest = split(node)
    out = ids(driver)
    for i = 1, #rest do
      if #out == 0 then break end
      out = probeAll(rest[i], out)
    end
  elseif op == PLAN_OR then
    local seen = {}
    for _, child in ipairs(node.children) do
      for _, id in ipairs(ids(child)) do
        if not seen[id] then
          seen[id] = true
          out[#out + 1] = id
        end
      end
    end
  elseif op == PLAN_NOT then
    local all = compact[ALL] and csRangeByRank(ALL, 0, -1, false) or redis.call('ZRANGE', ALL, 0, -1)
    for _, id in ipairs(all) do
      if not has(node.child, id) then out[#out + 1] = id end
    end
  end
  node.ids = out
  return out
end

-- Whether a node holds an id: a direct probe where the index allows one, else a lookup in the
-- node's ids, read once.
has = function(node, id)
  local op = node.op
  if op == PLAN_ALL then
    if compact[ALL] then return csHas(ALL, false, '0', id) end
    return redis.call('ZSCORE', ALL, id) ~= false
  elseif op == PLAN_SET then
    return redis.call('ZSCORE', node.key, id) ~= false
  elseif op == PLAN_VALUE then
    if compact[node.key] then return csHas(node.key, false, '0', node.value .. '\0' .. id) end
    return redis.call('ZSCORE', node.key, node.value .. '\0' .. id) ~= false
  elseif op == PLAN_RANGE then
    local score = zscore(node.key, id)
    if not score then return false end
    return inRange(node, score)
  elseif op == PLAN_AND then
    for _, child in ipairs(node.children) do
      if not has(child, id) then return false end
    end
    return true
  elseif op == PLAN_OR then
    for _, child in ipairs(node.children) do
      if has(child, id) then return true end
    end
    return false
  elseif op == PLAN_NOT then
    return not has(node.child, id)
  end
  if not node.lookup then
    node.lookup = {}
    for _, member in ipairs(ids(node)) do node.lookup[member] = true end
  end
  return node.lookup[id] == true
end

-- Expired documents. The bucket's set of expiring ids is scored by each document's expiry time
-- (unix ms, PEXPIRETIME), so the ones due come first: the sweep, run first by every query,
-- reads it from the lowest score, unindexing each id whose document is gone, until it meets a
-- living document expiring when its score says (nothing after it is due) or has checked
-- SWEEP_LIMIT ids; a score that an expiry set behind Rekord's back made wrong is corrected. Once
-- swept (the usual case: one ZRANGEBYSCORE and one PEXPIRETIME), every id left in the index has a
-- living document for the rest of this call (a script sees the time it started at), so ids are
-- counted and skipped without a per-id EXISTS and a page can skip its offset by rank. No TIME: the sweep
-- needs only @read commands.
local SWEEP_LIMIT = 1000
local swept = false
local function sweep()
  local checked = 0
  while not swept and checked < SWEEP_LIMIT do
    local head = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '+inf', 'WITHSCORES', 'LIMIT', 0, 16)
    if #head == 0 then
      swept = true
      break
    end
    for i = 1, #head, 2 do
      local id, score = head[i], tonumber(head[i + 1])
      local at = redis.call('PEXPIRETIME', docPrefix .. id)
      checked = checked + 1
      -- gone or persistent first: a score of -2 or -1 (an entry written as its document vanished) is
      -- not a living document expiring when its score says
      if at == -2 then
        appendGone(BASE, id, unindex(docPrefix .. id, manifestPrefix .. id, ALL, BASE, id)) -- expired, or deleted behind Rekord's back
      elseif at == -1 then
        redis.call('ZREM', KEYS[2], id) -- made persistent behind Rekord's back
      elseif at == score then
        swept = true
        break
      else
        redis.call('ZADD', KEYS[2], at, id)
      end
      if checked >= SWEEP_LIMIT then break end
    end
  end
end

-- The documents read with the page (MODE_DOCUMENTS): id -> HGETALL's flat array or the JSON
-- text, or false when the key holds another type (the client reads it again to say which).
local documents = {}
local function readDocument(id)
  return documentAt(docPrefix .. id, documentForm)
end

-- The ids whose document a walk found gone, in the order found: unindexed once the result is known
-- (forgetGone, before the script returns), never during the walk, where removing an id from the
-- sorted set a rank stream reads would shift the ranks after it and skip a living id.
local goneIds = {}
local function forgetGone()
  for _, id in ipairs(goneIds) do
    appendGone(BASE, id, unindex(docPrefix .. id, manifestPrefix .. id, ALL, BASE, id))
  end
  goneIds = {}
end

-- Whether the document of an id still exists, asked of the server (EXISTS) once; if it is gone,
-- its index entries are removed when the result is known.
local present = {}
local function stillExists(id)
  local known = present[id]
  if known ~= nil then return known end
  local yes = redis.call('EXISTS', docPrefix .. id) == 1
  if not yes then goneIds[#goneIds + 1] = id end
  present[id] = yes
  return yes
end

-- Whether the document of an id exists, as a page needs to know: in MODE_DOCUMENTS by reading it
-- (a document gone behind Rekord's back is unindexed when the result is known); otherwise, once swept, every indexed id has
-- one; before that, asked of the server.
local function exists(id)
  if mode == MODE_DOCUMENTS then
    local known = documents[id]
    if known ~= nil then return true end
    if present[id] == false then return false end
    local document = readDocument(id)
    if document == nil then
      present[id] = false
      goneIds[#goneIds + 1] = id
      return false
    end
    documents[id] = document
    return true
  end
  return swept or stillExists(id)
end

-- The ids of a list whose document exists, each asked of the server (exact counts).
local function living(list)
  local out = {}
  for _, id in ipairs(list) do
    if stillExists(id) then out[#out + 1] = id end
  end
  return out
end
