-- save_plain_stale.lua: the body of save_plain.lua's staleOf(base, id, old, manifest) (EngineScripts
-- wraps it), run only when a document's old manifest differs from its new one: the entries only the
-- old one names, checked reachable before anything is written, and the function that removes them.
local stale = staleEntries(base, id, old, manifest)
reachable(stale)
return stale, removeEntries
