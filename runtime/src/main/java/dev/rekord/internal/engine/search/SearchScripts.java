package dev.rekord.internal.engine.search;

import dev.rekord.connection.LuaScript;
import dev.rekord.internal.engine.portable.IndexWriter;
import dev.rekord.internal.script.ScriptResources;

/**
 * The search engine's scripts. The Query Engine indexes a hash whenever it changes, so a save
 * only has to replace the hash (document fields and index fields) and its expiry atomically; an
 * expiry is also written as {@code __rk.exp}, from the server's clock, so queries can leave out
 * documents Redis has not yet removed. A document that never expires has no {@code __rk.exp}.
 */
final class SearchScripts {

  private SearchScripts() {}

  /** The start of the name of every vector index field. */
  private static final String VECTOR_PREFIX = SearchSchema.FIELD_PREFIX + SearchSchema.VECTOR_CODE + ".";

  /** Lua: {@code expiry(ttl)} = when a key with {@code ttl} ms left (more than 0) expires, as text. */
  private static final String EXPIRY = """
      local function expiry(ttl)
        local t = redis.call('TIME')
        return string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + ttl)
      end
      """;

  /**
   * Lua: {@code blobs(from, to)} turns the hex values of vector index fields ({@code __rk.v.…}) among
   * the field/value pairs of {@code ARGV[from..to]} into the raw bytes the Query Engine indexes: values
   * reach a script as text, a vector's blob is not. Its table of the 256 hex pairs is built once per
   * call, not per document: 256 {@code string.format}s were ~15 % of the server's instructions per save.
   */
  private static final String BLOBS = """
      local bytes
      local function blobs(from, to)
        for i = from, to - 1, 2 do
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

  /** What a {@link #WRITE} item does to its document; its name is the item's first argument. */
  enum Kind {
    /** Replace the document (its fields, index fields and expiry). */
    SAVE,
    /** Delete the document; the module drops it from the index. */
    DELETE
  }

  /** When a {@link #WRITE} item is written; its name is the item's third argument. */
  enum Check {
    /** Whatever is stored. */
    ALWAYS,
    /** Only when no document has the id. */
    ABSENT,
    /** Only when a document has the id. */
    PRESENT,
    /** Only while the stored hash has the digest given (read with {@link #READ}): a partial update. */
    UNCHANGED
  }

  /** The reply naming a fenced write refused because a newer fencing token was issued. */
  static final String REFUSED_FENCE = "fence";

  /**
   * Lua: the digest of a hash from its {@code HGETALL} reply ({@code digest.lua}, shared with the
   * portable engine's partial updates; its {@code readDigested} is not used here).
   */
  private static final String DIGEST = ScriptResources.read(IndexWriter.class, "digest.lua");

  /**
   * Lua: {@code refusal(at, doc)}, why the {@link #WRITE} item whose arguments start at {@code
   * ARGV[at]} may not be written to {@code doc}: {@code nil} when it may, {@code ''} when its check
   * refuses it, else the stored version (0: none), which is not the expected one.
   */
  private static final String REFUSAL = """
      local function refusal(at, doc)
        local check, field, expected = ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
        if check == '%1$s' and field == '' then return nil end
        if check == '%3$s' then
          if hashDigest(redis.call('HGETALL', doc)) == expected then return nil end
          return ''
        end
        local exists = redis.call('EXISTS', doc) == 1
        if check ~= '%1$s' and exists ~= (check == '%2$s') then return '' end
        if field == '' then return nil end
        local version = tonumber(redis.call('HGET', doc, field)) or 0
        if version == tonumber(expected) then return nil end
        return string.format('%%d', version)
      end
      """.formatted(Check.ALWAYS, Check.PRESENT, Check.UNCHANGED);

  /** Lua: {@code writeHash(…)}, a hash written over the stored one ({@code hash_write.lua}, shared with the portable engine). */
  private static final String HASH_WRITE = ScriptResources.read(IndexWriter.class, "hash_write.lua");

  /**
   * Lua: {@code write(a, doc)} writes the {@link #WRITE} item whose arguments start at {@code
   * ARGV[a]} to {@code doc}: a delete deletes it; a save writes its fields over the stored hash
   * ({@code writeHash}: never deleting it first, which lost a document while its slot migrated)
   * with, when it expires, {@code __rk.exp}, and replaces its expiry.
   */
  private static final String WRITE_ITEM = """
      local function write(a, doc)
        if ARGV[a] ~= '%1$s' then
          redis.call('DEL', doc)
          return
        end
        local ttl, first, last = tonumber(ARGV[a + 1]), a + 6, a + 5 + tonumber(ARGV[a + 5])
        blobs(first, last)
        if ttl > 0 then
          writeHash(doc, first, last, ttl, '%2$s', expiry(ttl))
        else
          writeHash(doc, first, last, 0)
        end
      end
      """.formatted(Kind.SAVE, SearchSchema.EXPIRES);

  /**
   * Writes documents, each only when its check and {@code @Version} hold, all checked before any is
   * written. {@code ARGV[1]} the number of items (negated: all or nothing, a unit of work), {@code
   * ARGV[2]} a fencing token ({@code ''}: none); then per item, its document {@code KEYS[i]}: a
   * {@link Kind}, its time to live in ms (0: none), a {@link Check}, the stored name of the {@code
   * @Version} ({@code ''}: none), the version expected stored (0: no document) or, for {@code
   * UNCHANGED}, the digest, then n and n field/value arguments (document and index fields). A fenced
   * call (one item) has two more keys, the document's lock and the bucket's fencing counter, and is
   * refused once a newer token was issued: while the lock is held under another token or, when it is
   * not held, once the counter has passed the token (as the portable engine's {@code save.lua}).
   * Returns, per item refused, its position (1-based) and why: {@code ''} (its check), {@value
   * #REFUSED_FENCE}, or the stored version that was not the expected one; empty when all were written.
   */
  static final LuaScript WRITE = new LuaScript("search-write", EXPIRY + BLOBS + DIGEST + HASH_WRITE + REFUSAL + WRITE_ITEM + """
      local count, token = tonumber(ARGV[1]), ARGV[2]
      local allOrNothing = count < 0
      if allOrNothing then count = -count end
      if token ~= '' then
        local fence, holder = tonumber(token), redis.call('HGET', KEYS[count + 1], 'fence')
        if (holder and tonumber(holder) ~= fence)
            or (not holder and (tonumber(redis.call('GET', KEYS[count + 2])) or 0) > fence) then
          return { 1, '%1$s' }
        end
      end
      local starts, refused, skip = {}, {}, {}
      local at = 3
      for i = 1, count do
        starts[i] = at
        local why = refusal(at, KEYS[i])
        if why then
          refused[#refused + 1] = i
          refused[#refused + 1] = why
          skip[i] = true
        end
        at = at + 6 + tonumber(ARGV[at + 5])
      end
      if allOrNothing and #refused > 0 then return refused end
      for i = 1, count do
        if not skip[i] then write(starts[i], KEYS[i]) end
      end
      return refused
      """.formatted(REFUSED_FENCE), true);

  /**
   * Reads a document for a partial update: {@code KEYS[1]} the document. Returns its {@code
   * HGETALL}, the digest {@link #WRITE} checks for {@code UNCHANGED} ({@code ''}: no document), and
   * its {@code PTTL}.
   */
  static final LuaScript READ = new LuaScript("search-read", DIGEST + """
      local flat = redis.call('HGETALL', KEYS[1])
      return { flat, hashDigest(flat), redis.call('PTTL', KEYS[1]) }
      """, false);

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
      local ttl = redis.call('PTTL', KEYS[1])
      for i = 1, #current, 2 do
        local name = current[i]
        if string.sub(name, 1, #prefix) == prefix then
          if name == '%s' and ttl > 0 then hasExpiry = true else stale[#stale + 1] = name end
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
      if ttl > 0 and not hasExpiry then
        redis.call('HSET', KEYS[1], '%s', expiry(ttl))
      end
      if #ARGV > 2 * n + 1 then
        blobs(2 * n + 2, #ARGV)
        redis.call('HSET', KEYS[1], unpack(ARGV, 2 * n + 2))
      end
      return 1
      """.formatted(SearchSchema.FIELD_PREFIX, SearchSchema.EXPIRES, SearchSchema.EXPIRES), true);

  /**
   * A page of a query with its documents, in one round trip: {@code ARGV[1]} the key prefix of the
   * model's documents (one bucket), then the arguments of {@code FT.AGGREGATE} (the rows carry the
   * stored id as {@code rkid}). Returns the aggregate's reply with each row replaced by the pair of
   * the row and the document's {@code HGETALL} (empty when it is gone). The documents are read here,
   * not loaded by the aggregate: the Query Engine's keys end at a U+0000, and a load of such a key
   * finds nothing and drops the document from the index.
   */
  static final LuaScript PAGE = new LuaScript("search-page", """
      local reply = redis.call('FT.AGGREGATE', unpack(ARGV, 2))
      local function unescape(c) return string.char(string.byte(c) - 1) end
      for i = 2, #reply do
        local row = reply[i]
        if row then
          local id
          for f = 1, #row - 1, 2 do
            if row[f] == 'rkid' then id = row[f + 1] end
          end
          reply[i] = { row, redis.call('HGETALL', ARGV[1] .. string.gsub(id, '\1(.)', unescape)) }
        end
      end
      return reply
      """, false);

  /**
   * The documents of a ranked query with their rank, in one round trip: {@code ARGV[1]} n, then the
   * n hash fields the codec reads (0: every field), then the arguments of an {@code FT.SEARCH …
   * NOCONTENT} whose rows carry one value beside the key ({@code WITHSCORES}: the score; {@code
   * WITHSORTKEYS}: a nearest-neighbour query's distance). Returns per row its key, that value and
   * the document's fields as name/value pairs ({@code HMGET}; empty when it is gone), or {@code
   * false} where this node cannot read it (a key of a slot being imported, which the caller reads).
   * The documents are read here, not returned by the module: it ends a key at U+0000, so loading
   * such a document finds nothing and drops it from the reply and the index.
   */
  private static final String FOUND_SOURCE = """
      local n = tonumber(ARGV[1])
      local reply = redis.call('FT.SEARCH', unpack(ARGV, n + 2))
      local found = {}
      for i = 2, #reply - 1, 2 do
        local key, document = reply[i], {}
        local values
        if n == 0 then values = redis.pcall('HGETALL', key) else values = redis.pcall('HMGET', key, unpack(ARGV, 2, n + 1)) end
        if values.err then
          document = false
        elseif n == 0 then
          document = values
        else
          for f = 1, n do
            if values[f] then
              document[#document + 1] = ARGV[f + 1]
              document[#document + 1] = values[f]
            end
          end
        end
        found[#found + 1] = key
        found[#found + 1] = reply[i + 1]
        found[#found + 1] = document
      end
      return found
      """;

  /** {@link #FOUND_SOURCE} on one server. */
  static final LuaScript FOUND = new LuaScript("search-found", FOUND_SOURCE, false);

  /**
   * {@link #FOUND_SOURCE} on a cluster's node: the documents it reads lie in the slots of many
   * buckets, which a script may read only when its flags allow keys of other slots than its first.
   */
  static final LuaScript FOUND_ON_NODE = new LuaScript("search-found",
      "#!lua flags=no-writes,allow-cross-slot-keys\n" + FOUND_SOURCE, false);

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
        redis.call('HDEL', KEYS[1], '%4$s')
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
      """.formatted(Expiry.AT, Expiry.REFRESH, Expiry.PERSIST, SearchSchema.EXPIRES), true);
}
