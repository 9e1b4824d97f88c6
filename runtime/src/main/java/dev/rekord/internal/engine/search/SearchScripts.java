package dev.rekord.internal.engine.search;

import dev.rekord.connection.LuaScript;

/**
 * The search engine's scripts. The Query Engine indexes a hash whenever it changes, so a save
 * only has to replace the hash (document fields and index fields) and its expiry atomically; the
 * expiry is also written as {@code __rk.exp}, from the server's clock, so queries can leave out
 * documents Redis has not yet removed.
 */
final class SearchScripts {

  private SearchScripts() {}

  /** The start of the name of every vector index field. */
  private static final String VECTOR_PREFIX = SearchSchema.FIELD_PREFIX + SearchSchema.VECTOR_CODE + ".";

  /** Lua: {@code local exp} = when a key with {@code ttl} ms left (0 or less: none) expires, as text. */
  private static final String EXPIRY = """
      local function expiry(ttl)
        if ttl <= 0 then return '%s' end
        local t = redis.call('TIME')
        return string.format('%%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + ttl)
      end
      """.formatted(SearchSchema.NEVER);

  /**
   * Lua: {@code blobs(from)} turns the hex values of vector index fields ({@code __rk.v.…}) among the
   * field/value pairs of ARGV from {@code from} into the raw bytes the Query Engine indexes: values
   * reach a script as text, a vector's blob is not.
   */
  private static final String BLOBS = """
      local function blobs(from)
        local bytes
        for i = from, #ARGV - 1, 2 do
          if string.sub(ARGV[i], 1, %d) == '%s' then
            if not bytes then
              bytes = {}
              for b = 0, 255 do bytes[string.format('%%02x', b)] = string.char(b) end
            end
            ARGV[i + 1] = (string.gsub(ARGV[i + 1], '%%x%%x', bytes))
          end
        end
      end
      """.formatted(VECTOR_PREFIX.length(), VECTOR_PREFIX);

  /**
   * Replaces a document: {@code KEYS[1]} the document, {@code ARGV[1]} its time to live in ms (0:
   * none), then field/value pairs (document and index fields).
   */
  static final LuaScript SAVE = new LuaScript("search-save", EXPIRY + BLOBS + """
      local ttl = tonumber(ARGV[1])
      blobs(2)
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], '%s', expiry(ttl), unpack(ARGV, 2))
      if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
      return 1
      """.formatted(SearchSchema.EXPIRES), true);

  /**
   * Rewrites the index fields of a document and leaves the document and its expiry alone — only if
   * its own fields are still those the rewrite was computed from (a save meanwhile wrote its own
   * index fields). {@code KEYS[1]} the document, {@code ARGV[1]} n, then the n document field/value
   * pairs as read, then the index field/value pairs. Returns 1 when rewritten, 0 when the document
   * is gone, -1 when it changed.
   */
  static final LuaScript REINDEX = new LuaScript("search-reindex", EXPIRY + BLOBS + """
      local prefix = '%s'
      local current = redis.call('HGETALL', KEYS[1])
      if #current == 0 then return 0 end
      local n = tonumber(ARGV[1])
      local own, stale, hasExpiry = 0, {}, false
      for i = 1, #current, 2 do
        local name = current[i]
        if string.sub(name, 1, #prefix) == prefix then
          if name == '%s' then hasExpiry = true else stale[#stale + 1] = name end
        else
          own = own + 1
        end
      end
      if own ~= n then return -1 end
      local expected = {}
      for i = 2, 2 * n, 2 do expected[ARGV[i]] = ARGV[i + 1] end
      for i = 1, #current, 2 do
        local name = current[i]
        if string.sub(name, 1, #prefix) ~= prefix and expected[name] ~= current[i + 1] then return -1 end
      end
      if #stale > 0 then redis.call('HDEL', KEYS[1], unpack(stale)) end
      if not hasExpiry then
        redis.call('HSET', KEYS[1], '%s', expiry(redis.call('PTTL', KEYS[1])))
      end
      if #ARGV > 2 * n + 1 then
        blobs(2 * n + 2)
        redis.call('HSET', KEYS[1], unpack(ARGV, 2 * n + 2))
      end
      return 1
      """.formatted(SearchSchema.FIELD_PREFIX, SearchSchema.EXPIRES, SearchSchema.EXPIRES), true);

  /** What {@link #EXPIRE} does to a document's expiry; its name is the script's first argument. */
  enum Expiry {
    /** Expire after the given ms ({@code PEXPIRE}). */
    IN,
    /** Expire at the given unix ms ({@code PEXPIREAT}); a time already past removes the document. */
    AT,
    /** Expire after the given ms, only if the document expires already (a read that refreshes it). */
    REFRESH,
    /** Never expire ({@code PERSIST}). */
    PERSIST
  }

  /**
   * Changes the expiry of an existing document and its {@code __rk.exp} together, so the index's
   * view of the expiry never differs from Redis's: {@code KEYS[1]} the document, {@code ARGV[1]} an
   * {@link Expiry} name, {@code ARGV[2]} ms (from now; for {@code AT} unix ms; unused for {@code
   * PERSIST}). A time already past (by the server's clock) deletes the document, which the module
   * then drops from the index. Returns 1 when the expiry changed (or the document was removed), 0
   * when there is no document ({@code REFRESH}, {@code PERSIST}: or it does not expire).
   */
  static final LuaScript EXPIRE = new LuaScript("search-expire", """
      local action, ms = ARGV[1], tonumber(ARGV[2])
      local at = redis.call('PEXPIRETIME', KEYS[1])
      if at == -2 or (at == -1 and (action == '%2$s' or action == '%3$s')) then return 0 end
      if action == '%3$s' then
        redis.call('PERSIST', KEYS[1])
        redis.call('HSET', KEYS[1], '%4$s', '%5$s')
        return 1
      end
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
      local due = ms
      if action ~= '%1$s' then due = now + ms end
      if due <= now then
        redis.call('DEL', KEYS[1])
        return 1
      end
      due = string.format('%%.0f', due)
      redis.call('PEXPIREAT', KEYS[1], due)
      redis.call('HSET', KEYS[1], '%4$s', due)
      return 1
      """.formatted(Expiry.AT, Expiry.REFRESH, Expiry.PERSIST, SearchSchema.EXPIRES,
      SearchSchema.NEVER), true);
}
