-- query.lua, part 1 of 5 (EngineScripts joins them, in order, after query_common.lua): the arguments
-- and the plan.
-- Runs one query over one bucket of a model's portable index: a small interpreter of a plan in
-- prefix notation. Every key it touches is in the bucket (one hash slot). Arguments built by
-- ScriptCalls.query:
-- KEYS[1] the bucket's sorted set of all ids (score 0, so in id order); KEYS[2] its sorted set of
-- ids saved with an expiry, scored by their expiry time (unix ms): the ids due by now are a range
-- of it (query_probe.lua sweeps them); KEYS[3..] the index keys the sort keys and the plan name by
-- position (negated for a compact set).
-- ARGV[1] what to return (MODE_*); ARGV[2] the document key prefix '{tag}:', ARGV[3] the manifest
-- key prefix '{tag}#doc:', ARGV[4] the index base '{tag}#'; ARGV[5] offset, ARGV[6] limit (-1: no
-- limit), ARGV[7] '1' to return each id's sort values, ARGV[8] position in KEYS of the snapshot
-- key (0: none), ARGV[9] the snapshot's ttl in ms; ARGV[10] the form of the documents (FORM_*: read
-- with the page in MODE_DOCUMENTS); ARGV[11] the number of sort keys, then per sort key its index
-- (SORT_INDEX_*), key position and direction (DIRECTION_*); then the plan, one node after another
-- (PLAN_*, generated from PlanOp.java):
--   all | set k | value k v | range k min max | prefix k p | radius k lon lat meters
--   | box k lon lat meters west south east north | and n c1..cn | or n c1..cn | not c
-- After the plan, the model's change feed (changes.lua): the sweep reports each expired document it
-- unindexes.
-- Tag values and prefixes arrive escaped (IndexEncoding.lexical, as the index holds them): a
-- member 'value\0id' ends its value at its first byte 0, and members order by value, then id.
-- Values arrive only here, as arguments; nothing is ever compiled from them.

local mode, docPrefix, manifestPrefix, BASE = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local offset, limit = tonumber(ARGV[5]), tonumber(ARGV[6])
local withValues, snapshotKey, snapshotTtl = ARGV[7] == '1', tonumber(ARGV[8]), ARGV[9]
local documentForm, nsort = ARGV[10], tonumber(ARGV[11])
local ALL = KEYS[1]

local pos = 12
local function take()
  local v = ARGV[pos]
  pos = pos + 1
  return v
end

-- The index keys kept as compact sets (compact_set.lua): in the compact layout the set of all ids
-- and every key the client names by a negative position (its lexicographic and numeric indexes);
-- every read of such a key goes through compact_set.lua.
local compact = {}
if COMPACT_LAYOUT then compact[ALL] = true end
local function keyAt(text)
  local at = tonumber(text)
  if at < 0 then
    at = -at
    compact[KEYS[at]] = true
  end
  return KEYS[at]
end

-- The table under k in t, created empty when missing.
local function tableAt(t, k)
  local v = t[k]
  if not v then
    v = {}
    t[k] = v
  end
  return v
end

-- The id and the (escaped) value of a member 'value\0id': the value ends at the first byte 0.
local function idOf(member)
  local cut = string.find(member, '\0', 1, true)
  return string.sub(member, cut + 1), string.sub(member, 1, cut - 1)
end

local sorts = {}
for i = 1, nsort do
  sorts[i] = { index = take(), key = keyAt(take()), desc = take() == DIRECTION_DESC }
end

-- A score bound as a number; '+inf'/'-inf' explicitly, so an open infinite bound stays infinite.
local function bound(text)
  if text == '+inf' or text == 'inf' then return math.huge end
  if text == '-inf' then return -math.huge end
  return tonumber(text)
end

local function parse()
  local op = take()
  local node = { op = op }
  if op == PLAN_SET then
    node.key = keyAt(take())
  elseif op == PLAN_VALUE then
    node.key = keyAt(take())
    node.value = take()
    node.min, node.max = '[' .. node.value .. '\0', '(' .. node.value .. '\1'
    node.cut = #node.value + 2
  elseif op == PLAN_RANGE then
    node.key = keyAt(take())
    node.min = take()
    node.max = take()
    -- numeric bounds, parsed once: lo/hi, and whether each is open
    node.loOpen = string.sub(node.min, 1, 1) == '('
    node.hiOpen = string.sub(node.max, 1, 1) == '('
    node.lo = bound(node.loOpen and string.sub(node.min, 2) or node.min)
    node.hi = bound(node.hiOpen and string.sub(node.max, 2) or node.max)
  elseif op == PLAN_PREFIX then
    -- no UTF-8 text contains the byte 255, so it bounds every member that starts with the prefix
    node.key = keyAt(take())
    local text = take()
    node.text = text
    if text == '' then
      node.min, node.max = '-', '+'
    else
      node.min, node.max = '[' .. text, '[' .. text .. '\255'
    end
  elseif op == PLAN_RADIUS or op == PLAN_BOX then
    node.key = keyAt(take())
    node.lon, node.lat, node.r = take(), take(), take()
    if op == PLAN_BOX then
      node.box = { tonumber(take()), tonumber(take()), tonumber(take()), tonumber(take()) }
    end
  elseif op == PLAN_AND or op == PLAN_OR then
    node.children = {}
    for i = 1, tonumber(take()) do
      node.children[i] = parse()
    end
  elseif op == PLAN_NOT then
    node.child = parse()
  elseif op ~= PLAN_ALL then
    error('unknown plan op ' .. tostring(op))
  end
  return node
end
local root = parse()
