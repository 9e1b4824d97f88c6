-- query.lua, part 0 (EngineScripts joins it before the others, and before query_node.lua): what the
-- query of one bucket and the query of a node's buckets share.

-- Byte-wise string order (Lua's '<' follows the server's collation locale). Eight bytes of each
-- string per string.byte call: a call is most of the cost, and merging a node's rows compares ids
-- hundreds of times per page. A byte past the end of the shorter string is nil, read as -1: a
-- prefix comes first.
local byte = string.byte
local function before(a, b)
  local la, lb = #a, #b
  for i = 1, (la < lb and la or lb), 8 do
    local a1, a2, a3, a4, a5, a6, a7, a8 = byte(a, i, i + 7)
    local b1, b2, b3, b4, b5, b6, b7, b8 = byte(b, i, i + 7)
    if a1 ~= b1 then return (a1 or -1) < (b1 or -1) end
    if a2 ~= b2 then return (a2 or -1) < (b2 or -1) end
    if a3 ~= b3 then return (a3 or -1) < (b3 or -1) end
    if a4 ~= b4 then return (a4 or -1) < (b4 or -1) end
    if a5 ~= b5 then return (a5 or -1) < (b5 or -1) end
    if a6 ~= b6 then return (a6 or -1) < (b6 or -1) end
    if a7 ~= b7 then return (a7 or -1) < (b7 or -1) end
    if a8 ~= b8 then return (a8 or -1) < (b8 or -1) end
  end
  return la < lb
end

-- The document at key in form (FORM_*): HGETALL's flat array or the JSON text; nil when there is
-- none, false when the key holds another type (the client reads it again to say which).
local function documentAt(key, form)
  local reply
  if form == FORM_HASH then
    reply = redis.pcall('HGETALL', key)
    if type(reply) == 'table' and reply.err then return false end
    if #reply == 0 then return nil end
  else
    reply = redis.pcall('GET', key)
    if type(reply) == 'table' and reply.err then return false end
    if not reply then return nil end
  end
  return reply
end

-- A read of one index key as the plain command answers it (command and its arguments after the
-- key): of a compact set through compact_set.lua's csCommand when compact (only the compact
-- layout's scripts have it).
local function indexRead(compact, key, command, ...)
  if compact then return csCommand(key, { command, ... }) end
  return redis.call(command, key, ...)
end

-- A query whose answer one index read gives (query.lua's direct step, query_node.lua's per
-- bucket), taken from its arguments (args[a + i] is its query.lua ARGV[i], ScriptCalls.query), or
-- nil when the answer needs query.lua's plan: a count of one tag value, tag, range or of all ids is
-- that index's count (query.lua's est, once swept); a page in id order of one tag value, tag or all
-- ids, or of one range sorted by its own field, is a ZRANGE with LIMIT (ties in id order, reversed
-- when descending, as query.lua's walk) and its scores. Only a page from an offset of at most 1,000:
-- Redis walks a LIMIT's offset member by member, where query.lua skips a deeper one by rank. Right
-- only in a bucket where no document is due to expire (the caller asks nothingDue), where every
-- indexed id has a living document and query.lua, once swept, answers exactly this.
local function directShape(args, a)
  local mode, sortKeys = args[a + 1], tonumber(args[a + 11])
  local root = a + 12 + 3 * sortKeys
  local op = args[root]
  local key = op == PLAN_ALL and 1 or tonumber(args[root + 1])
  if mode == MODE_COUNT then
    if op ~= PLAN_ALL and op ~= PLAN_SET and op ~= PLAN_VALUE and op ~= PLAN_RANGE then return nil end
  elseif (mode ~= MODE_IDS and mode ~= MODE_DOCUMENTS) or tonumber(args[a + 5]) > 1000 then
    return nil
  elseif sortKeys == 0 then
    if op ~= PLAN_ALL and op ~= PLAN_SET and op ~= PLAN_VALUE then return nil end
  elseif sortKeys ~= 1 or op ~= PLAN_RANGE or args[a + 12] ~= SORT_INDEX_SCORE or args[a + 13] ~= args[root + 1] then
    return nil
  end
  -- a compact set (compact_set.lua): the set of all ids in the compact layout, or a key the client
  -- names by a negative position (query_plan.lua's keyAt)
  local shape = { mode = mode, op = op, key = key < 0 and -key or key, offset = args[a + 5],
    compact = key < 0 or (op == PLAN_ALL and COMPACT_LAYOUT), min = args[root + 2], max = args[root + 3],
    sorted = sortKeys == 1, desc = args[a + 14] == DIRECTION_DESC, withValues = args[a + 7] == '1' }
  if op == PLAN_VALUE then -- a tag value's members, 'value\0id': the bounds of its range
    local value = args[root + 2]
    shape.min, shape.max, shape.cut = '[' .. value .. '\0', '(' .. value .. '\1', #value + 2
  end
  return shape
end

-- The answer of a directShape in the bucket whose root index is key, with limit rows at most (-1:
-- all) from its offset: the count, or the page's ids, each followed by its sort value when asked.
local function directRead(shape, key, limit)
  local op, compact, offset = shape.op, shape.compact, shape.offset
  if shape.mode == MODE_COUNT then
    if op == PLAN_VALUE then return indexRead(compact, key, 'ZLEXCOUNT', shape.min, shape.max) end
    if op == PLAN_RANGE then return indexRead(compact, key, 'ZCOUNT', shape.min, shape.max) end
    return indexRead(compact, key, 'ZCARD')
  end
  if limit == 0 then return {} end
  local limitText = string.format('%d', limit)
  if not shape.sorted then
    if op ~= PLAN_VALUE then -- by rank
      local last = limit < 0 and '-1' or string.format('%d', offset + limit - 1)
      return indexRead(compact, key, 'ZRANGE', offset, last)
    end
    local members = indexRead(compact, key, 'ZRANGE', shape.min, shape.max, 'BYLEX', 'LIMIT', offset, limitText)
    for i = 1, #members do members[i] = string.sub(members[i], shape.cut) end
    return members
  end
  local reply
  if shape.desc then
    reply = indexRead(compact, key, 'ZRANGE', shape.max, shape.min, 'BYSCORE', 'REV', 'LIMIT', offset, limitText, 'WITHSCORES')
  else
    reply = indexRead(compact, key, 'ZRANGE', shape.min, shape.max, 'BYSCORE', 'LIMIT', offset, limitText, 'WITHSCORES')
  end
  local rows = {}
  for i = 1, #reply, 2 do
    rows[#rows + 1] = reply[i]
    if shape.withValues then rows[#rows + 1] = SORT_VALUE_PRESENT .. reply[i + 1] end
  end
  return rows
end

-- Whether no document of a bucket is due to expire, so that every id its index holds has a living
-- document (the condition of a direct read): its set of expiring ids (ttlKey, scored by expiry time)
-- is empty, or the first of them lives and expires when its score says, so none after it is due —
-- where query_probe.lua's sweep stops, having unindexed nothing. Else the sweep has work to do. (A
-- score of -2 or -1, an entry written as its document vanished, is no living document's: PEXPIRETIME
-- answers those for a gone or persistent key.) Callers ask ZCARD first: most buckets have no
-- expiring ids, and that one command, before the arguments of this call are built, is cheaper.
local function nothingDue(ttlKey, docPrefix)
  local head = redis.call('ZRANGE', ttlKey, '0', '0', 'WITHSCORES')
  if #head == 0 then return true end
  local at = redis.call('PEXPIRETIME', docPrefix .. head[1])
  return at >= 0 and at == tonumber(head[2])
end
