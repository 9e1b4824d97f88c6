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
