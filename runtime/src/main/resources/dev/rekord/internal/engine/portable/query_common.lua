-- query.lua, part 0 (EngineScripts joins it before the others, and before query_node.lua): what the
-- query of one bucket and the query of a node's buckets share.

-- Byte-wise string order (Lua's '<' follows the server's collation locale).
local function before(a, b)
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x < y
    end
  end
  return #a < #b
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
