-- query.lua, its first step (EngineScripts joins it after query_common.lua, before the parts that
-- define the plan's functions): a query that one index read answers (directShape), in a bucket
-- where no document is due to expire (no expiring ids, or nothingDue), returns here, with its
-- documents in MODE_DOCUMENTS. None of the functions after this part is built then: every function
-- a script defines is a closure built on each call, ~82,000 server instructions of query.lua's
-- (docs/performance.md). A document that is gone (deleted behind Rekord's back) sends the query on
-- to the parts after, which skip and unindex it.
do
  local shape = directShape(ARGV, 0)
  if shape and (redis.call('ZCARD', KEYS[2]) == 0 or nothingDue(KEYS[2], ARGV[2])) then
    local rows = directRead(shape, KEYS[shape.key], tonumber(ARGV[6]))
    if ARGV[1] == MODE_DOCUMENTS then
      local stride, prefix, form, out = shape.withValues and 2 or 1, ARGV[2], ARGV[10], {}
      for i = 1, #rows, stride do
        local document = documentAt(prefix .. rows[i], form)
        if document == nil then
          out = nil
          break
        end
        for j = i, i + stride - 1 do out[#out + 1] = rows[j] end
        out[#out + 1] = document
      end
      rows = out
    end
    if rows then return rows end
  end
end
