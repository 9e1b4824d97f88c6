-- Reads a subscriber's next events from one bucket's change stream (PortableChangeStream: one call
-- per bucket per poll, pipelined; arguments built by ScriptCalls.readChanges). Creates the consumer
-- group at the start of the stream when it is missing (a new group sees every event the stream
-- still holds), claims the events other consumers left unacknowledged for too long (XAUTOCLAIM:
-- they become this consumer's), then returns the events this consumer read and has not
-- acknowledged (from '0': a restart resumes with them, in order), or else new ones ('>').
-- KEYS[1] the stream; ARGV[1] the group, ARGV[2] the consumer, ARGV[3] how many events at most,
-- ARGV[4] how long (ms) another consumer's event may stay unacknowledged before it is claimed
-- (-1: never).
-- Returns per event its stream entry id, then the values of EVENT_ID, EVENT_KIND, EVENT_FIELDS and
-- EVENT_VERSION (EVENT_KIND '' for an event the stream's cap trimmed away before it was read).
local stream, group, consumer, count, claimAfter = KEYS[1], ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local created = redis.pcall('XGROUP', 'CREATE', stream, group, '0', 'MKSTREAM')
if type(created) == 'table' and created.err and not string.find(created.err, 'BUSYGROUP', 1, true) then
  return redis.error_reply(created.err)
end
if claimAfter >= 0 then
  redis.call('XAUTOCLAIM', stream, group, consumer, claimAfter, '0-0', 'COUNT', count, 'JUSTID')
end

local function read(from)
  local reply = redis.call('XREADGROUP', 'GROUP', group, consumer, 'COUNT', count, 'STREAMS', stream, from)
  if not reply or not reply[1] then return {} end
  return reply[1][2]
end

local entries = read('0')
if #entries == 0 then entries = read('>') end
local out = {}
for _, entry in ipairs(entries) do
  local values = {}
  if entry[2] then
    for i = 1, #entry[2], 2 do values[entry[2][i]] = entry[2][i + 1] end
  end
  local n = #out
  out[n + 1], out[n + 2], out[n + 3] = entry[1], values[EVENT_ID] or '', values[EVENT_KIND] or ''
  out[n + 4], out[n + 5] = values[EVENT_FIELDS] or '', values[EVENT_VERSION] or ''
end
return out
