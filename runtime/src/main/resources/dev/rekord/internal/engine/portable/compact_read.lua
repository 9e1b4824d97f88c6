-- compact_read.lua (after compact_set.lua): one read of a compact set answered as the plain command
-- answers it of a sorted set, for the client's plain-command reads of one index (DirectReads,
-- RankedPages) in the compact layout.
-- KEYS[1] the set's name (never a key), KEYS[2] its directory: declared together, so that while
-- the set's slot migrates Redis runs the call on neither node (a call sent on to the target by ASK
-- would read there, as empty, the chunks not yet moved) and the client retries it.
-- ARGV the command and its arguments after the key, as the client would send them (csCommand).
return csCommand(KEYS[1], ARGV)
