package dev.rekord.internal.engine.portable;

import dev.rekord.internal.engine.portable.EngineProtocol.Condition;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import dev.rekord.internal.engine.portable.EngineProtocol.ManifestIn;
import dev.rekord.internal.engine.portable.EngineProtocol.Mode;
import dev.rekord.connection.ScriptCall;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.ReplyType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every call of an engine script, built in one place: the layout of each script's {@code KEYS} and
 * {@code ARGV}, as the header of the script ({@link EngineScripts}) describes it and {@code
 * EngineProtocolTest} pins it. Each document script names the keys of the document's bucket and
 * gets the bucket's index base, so no script cuts a key name apart.
 */
final class ScriptCalls {
  private ScriptCalls() {}

  /** The arguments of {@code save.lua} before its documents: index base, form, count. */
  private static final int SAVE_HEADER = 3;
  /**
   * The position of the manifest among a document's arguments: id, condition, version field,
   * expected version, ttl, place, manifest, n.
   */
  private static final int SAVE_MANIFEST = 6;
  /** The position of a one-document call's n, the number of document arguments that follow it. */
  private static final int SAVE_DOCUMENT_ARGS = SAVE_HEADER + 7;

  /**
   * The positions (from, to exclusive) of a {@link #query}'s arguments that begin with its bucket's
   * tag: the document, manifest and index prefixes.
   */
  private static final int TAGGED_ARGS_FROM = 1;
  private static final int TAGGED_ARGS_TO = 4;

  /** Each entry op by its code. */
  private static final Map<String, EntryOp> ENTRY_OPS = new java.util.HashMap<>();

  static {
    for (EntryOp op : EntryOp.values()) {
      ENTRY_OPS.put(op.code(), op);
    }
  }

  /** The entry of a document saved with an expiry: its id in the bucket's set of expiring ids. */
  private static final IndexEntries.Entry EXPIRING =
      new IndexEntries.Entry(EntryOp.EXPIRY, KeyLayout.Bucket::expiring, null, null);

  /**
   * {@code save.lua} of one document: replace the document of {@code id} ({@code document}:
   * field/value pairs or the JSON text, as {@code form} says) and its index entries. Calls of one
   * bucket and form join into one with {@link #saveTogether}. The script writes it only when the
   * stored document meets {@code condition} and, with a {@code versionField}, the stored version
   * (0: no document, or no such field) is {@code expectedVersion}.
   *
   * @param versionField the stored name of the {@code @Version}; {@code null} for none
   * @param ttlMillis the document's time to live in ms; 0 for none
   */
  static ScriptCall save(KeyLayout.Bucket bucket, String id, Condition condition, String versionField,
      long expectedVersion, Form form, long ttlMillis, List<String> document, IndexEntries entries) {
    List<String> args = saveArguments(bucket, id, condition, versionField,
        versionField == null ? "" : Long.toString(expectedVersion), form, ttlMillis, document.size(), entries);
    args.addAll(document);
    return saveCall(bucket, id, form, ttlMillis, args, entries);
  }

  /**
   * {@link #save} written only while the stored document has {@code digest} ({@code digest.lua}):
   * the write of a partial update, computed from the document {@link #read} returned.
   */
  static ScriptCall saveUnchanged(KeyLayout.Bucket bucket, String id, String versionField, String digest, Form form,
      long ttlMillis, List<String> document, IndexEntries entries) {
    // the version is not checked (the digest is), only named: the change feed reports the new one
    List<String> args = saveArguments(bucket, id, Condition.UNCHANGED, versionField, digest, form, ttlMillis,
        document.size(), entries);
    args.addAll(document);
    return saveCall(bucket, id, form, ttlMillis, args, entries);
  }

  /**
   * A one-document {@link #save} call that the script refuses once a fencing token newer than {@code
   * token} has been issued for the document's lock ({@code lockKey}, in {@code bucket}).
   */
  static ScriptCall fenced(ScriptCall save, KeyLayout.Bucket bucket, String lockKey, long token) {
    List<String> keys = new ArrayList<>(save.keys());
    keys.add(lockKey);
    keys.add(bucket.fencing());
    List<String> args = new ArrayList<>(save.args());
    args.add(Long.toString(token));
    return new ScriptCall(keys, args);
  }

  /** {@code read.lua}: the document of {@code id} stored in {@code form}, its digest and time to live. */
  static ScriptCall read(KeyLayout.Bucket bucket, String id, Form form) {
    return new ScriptCall(List.of(bucket.documentKey(id)), List.of(form.code()));
  }

  /**
   * {@code ranked_window.lua} over {@code range} (a numeric range): the rows from {@code first} to
   * {@code last} (in page order, each an id with its score) and {@code after} more.
   */
  static ScriptCall rankedWindow(QueryPlan.DirectRange range, PortableQueries.Row first, PortableQueries.Row last,
      long after) {
    String direction = (range.descending() ? EngineProtocol.Direction.DESC : EngineProtocol.Direction.ASC).code();
    return new ScriptCall(List.of(range.key()), List.of(range.min(), range.max(), direction,
        first.values()[0], first.id(), last.values()[0], last.id(), Long.toString(after)));
  }

  /** {@link #save} of a hash document given as a map, its pairs going straight into {@code ARGV}. */
  static ScriptCall saveHash(KeyLayout.Bucket bucket, String id, Condition condition, Map<String, String> fields,
      long ttlMillis, IndexEntries entries) {
    List<String> args = saveArguments(bucket, id, condition, null, "", Form.HASH, ttlMillis, 2 * fields.size(),
        entries);
    for (Map.Entry<String, String> field : fields.entrySet()) {
      args.add(field.getKey());
      args.add(field.getValue());
    }
    return saveCall(bucket, id, Form.HASH, ttlMillis, args, entries);
  }

  /**
   * The first arguments of a one-document {@code save.lua} call (the manifest and its place still
   * empty), in a list sized for the {@code documentArgs} document arguments the caller adds next
   * and the entries' (at most three each, and the expiring one).
   */
  private static List<String> saveArguments(KeyLayout.Bucket bucket, String id, Condition condition,
      String versionField, String expected, Form form, long ttlMillis, int documentArgs, IndexEntries entries) {
    List<String> args = new ArrayList<>(SAVE_HEADER + 9 + documentArgs + 3 * entries.size() + 2);
    args.add(bucket.indexBase());
    args.add(form.code());
    args.add("1");
    args.add(id);
    args.add(condition.code());
    args.add(versionField == null ? "" : versionField);
    args.add(expected); // the version, or the digest of CONDITION_UNCHANGED

    args.add(ttlMillis == 0 ? "0" : Long.toString(ttlMillis));
    args.add(""); // the manifest's place, once it is known
    args.add(""); // the manifest
    args.add(Integer.toString(documentArgs));
    return args;
  }

  /**
   * The keys (ids, document, manifest, then one per entry) and the entries' arguments. A manifest
   * kept in the document travels as its last field, so the document's {@code HSET} stores it.
   */
  private static ScriptCall saveCall(KeyLayout.Bucket bucket, String id, Form form, long ttlMillis,
      List<String> args, IndexEntries entries) {
    List<String> keys = new ArrayList<>(4 + entries.size());
    keys.add(bucket.all());
    keys.add(bucket.documentKey(id));
    keys.add(bucket.manifest(id));
    boolean mayHoldIt = form == Form.HASH && ttlMillis == 0;
    int field = args.size();
    if (mayHoldIt) {
      args.add(KeyLayout.MANIFEST_FIELD);
      args.add(""); // the manifest, once known
    }
    int count = args.size();
    args.add(""); // the number of entries
    StringBuilder manifest = new StringBuilder(24 * entries.size() + 8);
    entries.appendTo(bucket, keys, args, manifest);
    if (ttlMillis > 0) {
      EXPIRING.appendTo(bucket, keys, args, manifest);
    }
    String text = manifest.toString();
    boolean inDocument = Manifest.inDocument(form, ttlMillis, text);
    args.set(count, Integer.toString(keys.size() - 3));
    if (inDocument) {
      args.set(field + 1, text);
      args.set(SAVE_DOCUMENT_ARGS, Integer.toString(field + 2 - SAVE_DOCUMENT_ARGS - 1));
    } else if (mayHoldIt) {
      args.subList(field, field + 2).clear();
    }
    args.set(SAVE_HEADER + SAVE_MANIFEST - 1, ManifestIn.of(inDocument).code());
    args.set(SAVE_HEADER + SAVE_MANIFEST, text);
    return new ScriptCall(keys, args);
  }

  /**
   * A delete item for {@code save.lua}, to join one-document saves of its bucket and form in a
   * call ({@link #saveTogether}): the document of {@code id} and every index entry its manifest
   * names are deleted, after the call's conditions were checked (a delete item's is {@link
   * Condition#ALWAYS}). Unlike {@code delete.lua}'s call, it goes through the same checked,
   * all-or-nothing path as the saves it is joined with. A {@code versionField} (else {@code null})
   * is only named, with no version expected: the change feed reports the deleted document's.
   */
  static ScriptCall deleteItem(KeyLayout.Bucket bucket, String id, Form form, String versionField) {
    List<String> args = List.of(bucket.indexBase(), form.code(), "1", id, Condition.ALWAYS.code(),
        versionField == null ? "" : versionField, "", "0", ManifestIn.NOWHERE.code(), "", "0", "0");
    return new ScriptCall(List.of(bucket.all(), bucket.documentKey(id), bucket.manifest(id)), args);
  }

  /** The id a one-document call of {@link #save} saves. */
  static String savedId(ScriptCall call) {
    return call.args().get(SAVE_HEADER);
  }

  /**
   * One {@code save.lua} call writing the documents of {@code calls} (one-document calls of {@link
   * #save}, all of one bucket and form, of distinct ids) in their order.
   */
  static ScriptCall saveTogether(List<ScriptCall> calls) {
    return saveTogether(calls, false);
  }

  /**
   * {@link #saveTogether(List)}; {@code allOrNothing}: when the condition or version of any
   * document is refused, the script writes none (its count travels negated).
   */
  static ScriptCall saveTogether(List<ScriptCall> calls, boolean allOrNothing) {
    if (calls.size() == 1) {
      return calls.get(0); // one item: refused or written whole either way
    }
    int keyCount = 1;
    int argCount = SAVE_HEADER;
    for (ScriptCall call : calls) {
      keyCount += call.keys().size() - 1;
      argCount += call.args().size() - SAVE_HEADER;
    }
    List<String> keys = new ArrayList<>(keyCount);
    List<String> args = new ArrayList<>(argCount);
    ScriptCall first = calls.get(0);
    keys.add(first.keys().get(0));
    args.add(first.args().get(0));
    args.add(first.args().get(1));
    args.add(Integer.toString(allOrNothing ? -calls.size() : calls.size()));
    for (ScriptCall call : calls) {
      keys.addAll(call.keys().subList(1, call.keys().size()));
      args.addAll(call.args().subList(SAVE_HEADER, call.args().size()));
    }
    return new ScriptCall(keys, args);
  }

  /**
   * Whether a {@link #save} call (maybe {@link #fenced}) saves one document, which {@code
   * save_one.lua} can run: not many, not a delete item ({@link #deleteItem}).
   */
  static boolean savesOne(ScriptCall call) {
    return "1".equals(call.args().get(2)) && !ManifestIn.NOWHERE.code().equals(call.args().get(SAVE_HEADER + 5));
  }

  /**
   * Whether a one-document {@link #save} call can be split into {@link #indexOnly}'s index call and
   * a plain {@code HSET} of its document: a hash document saved with no condition, no version, no
   * expiry and no fence (nothing the script must check or read after writing the document).
   */
  static boolean indexable(ScriptCall save) {
    return Form.HASH.code().equals(save.args().get(1)) && unconditional(save);
  }

  /**
   * Whether a {@link #save} call writes one document (hash or JSON) with no condition, no version,
   * no expiry and no fence: its writes are the plain commands of {@link #entryCommands}, the
   * document's and {@link #manifestKeyCommands}, once nothing stale is left.
   */
  static boolean unconditional(ScriptCall save) {
    return save.args().get(SAVE_HEADER + 2).isEmpty() && writesOne(save);
  }

  /**
   * Whether a {@link #save} call of a document under an id no document has can be written as an
   * {@link #unconditional} one: it is, or it expects no stored version (0), which such an id meets
   * (its new version is among the document's arguments).
   */
  static boolean unconditionalWhenNew(ScriptCall save) {
    List<String> args = save.args();
    return (args.get(SAVE_HEADER + 2).isEmpty() || "0".equals(args.get(SAVE_HEADER + 3))) && writesOne(save);
  }

  /**
   * Whether a {@link #save} call writes one document (hash or JSON) with no condition, no expiry
   * and no fence, whatever its version.
   */
  private static boolean writesOne(ScriptCall save) {
    List<String> args = save.args();
    if (!"1".equals(args.get(2)) || !Condition.ALWAYS.code().equals(args.get(SAVE_HEADER + 1))
        || !"0".equals(args.get(SAVE_HEADER + 4)) || ManifestIn.NOWHERE.code().equals(args.get(SAVE_HEADER + 5))) {
      return false;
    }
    int n = Integer.parseInt(args.get(SAVE_DOCUMENT_ARGS));
    int entries = Integer.parseInt(args.get(SAVE_DOCUMENT_ARGS + 1 + n));
    return save.keys().size() == 3 + entries; // a fenced call has two keys more
  }

  /**
   * Whether a one-document {@link #save} call is a plain save that {@code save_plain.lua} can run
   * ({@link #plainSave}): {@link #indexable}, its manifest kept in its hash.
   */
  static boolean plain(ScriptCall save) {
    return indexable(save) && ManifestIn.DOCUMENT.code().equals(save.args().get(SAVE_HEADER + SAVE_MANIFEST - 1));
  }

  /**
   * {@code save_plain.lua} of a {@link #plain} call: the same keys; of its arguments only the id,
   * the manifest, the document's field/value pairs (without the manifest's) with their number first,
   * and the entries' ops and values — each argument costs the server about a thousand instructions,
   * so the index base, which starts the key of the set of all ids, does not travel.
   */
  static ScriptCall plainSave(ScriptCall save) {
    List<String> args = save.args();
    int n = Integer.parseInt(args.get(SAVE_DOCUMENT_ARGS)) - 2; // without the manifest's pair, the last
    List<String> plain = new ArrayList<>(args.size() - SAVE_DOCUMENT_ARGS);
    plain.add(args.get(SAVE_HEADER));
    plain.add(args.get(SAVE_HEADER + SAVE_MANIFEST));
    plain.add(Integer.toString(n));
    plain.addAll(args.subList(SAVE_DOCUMENT_ARGS + 1, SAVE_DOCUMENT_ARGS + 1 + n));
    plain.addAll(args.subList(SAVE_DOCUMENT_ARGS + 4 + n, args.size()));
    return new ScriptCall(save.keys(), plain);
  }

  /**
   * {@code index.lua} for the documents of {@code saves} ({@link #indexable} one-document calls of
   * {@link #save}, of {@code bucket}, of distinct ids): the bucket's prefixes, their new manifests
   * as one argument and their ids, for the transaction that then adds their entries ({@link
   * #entryCommands}) and writes their fields ({@link #documentFields}) and the manifests kept in
   * keys ({@link #manifestKeyCommands}). Each argument costs the server about a thousand
   * instructions, so a document's keys, built from its id, do not travel. On a {@code cluster} the
   * call also names the bucket's {@link KeyLayout.Bucket#absent} key, so that the transaction runs
   * only while its slot is not migrating.
   */
  static ScriptCall indexOnly(KeyLayout.Bucket bucket, List<ScriptCall> saves, boolean cluster) {
    StringBuilder manifests = new StringBuilder(64 * saves.size());
    List<String> args = new ArrayList<>(4 + saves.size());
    args.add(bucket.indexBase());
    args.add(bucket.documentPrefix());
    args.add(bucket.manifestPrefix());
    args.add(""); // the manifests
    for (ScriptCall save : saves) {
      String manifest = save.args().get(SAVE_HEADER + SAVE_MANIFEST);
      manifests.append(Manifest.utf8Length(manifest, 0)).append(':').append(manifest);
      args.add(savedId(save));
    }
    args.set(3, manifests.toString());
    return new ScriptCall(cluster ? List.of(bucket.all(), bucket.absent()) : List.of(bucket.all()), args);
  }

  /**
   * The {@code SET}s of the manifests of {@code saves} ({@link #indexable}) that are kept in their
   * manifest keys (too long for the document's hash), after {@code index.lua} deleted the old ones.
   */
  static List<Command<?>> manifestKeyCommands(List<ScriptCall> saves) {
    List<Command<?>> commands = new ArrayList<>();
    for (ScriptCall save : saves) {
      String manifest = save.args().get(SAVE_HEADER + SAVE_MANIFEST);
      if (ManifestIn.KEY.code().equals(save.args().get(SAVE_HEADER + SAVE_MANIFEST - 1)) && !manifest.isEmpty()) {
        commands.add(Commands.set(save.keys().get(2), manifest, List.of()));
      }
    }
    return commands;
  }

  /**
   * The commands that add the ids and index entries of {@code saves} ({@link #indexable}, of one
   * bucket) as {@code save.lua} adds them ({@link EntryOp#command()}): one {@code ZADD} of the ids
   * to the bucket's set of all ids, then one {@code ZADD} ({@code GEOADD}) per index key. In the
   * {@code compact} layout neither the ids nor the compact entries: {@code index.lua} adds those.
   */
  static List<Command<?>> entryCommands(List<ScriptCall> saves, boolean compact) {
    Map<String, List<String>> zadds = new LinkedHashMap<>();
    Map<String, List<String>> geoadds = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>(2 * saves.size());
    if (!compact) {
      zadds.put(saves.get(0).keys().get(0), ids);
    }
    for (ScriptCall save : saves) {
      List<String> args = save.args();
      String id = args.get(SAVE_HEADER);
      ids.add("0");
      ids.add(id);
      int a = SAVE_DOCUMENT_ARGS + 1 + Integer.parseInt(args.get(SAVE_DOCUMENT_ARGS));
      int entries = Integer.parseInt(args.get(a++));
      for (int e = 0; e < entries; e++) {
        String key = save.keys().get(3 + e);
        EntryOp op = ENTRY_OPS.get(args.get(a));
        switch (op) {
          case GEO -> Collections.addAll(geoadds.computeIfAbsent(key, k -> new ArrayList<>()), args.get(a + 1),
              args.get(a + 2), id);
          case ID -> Collections.addAll(zadds.computeIfAbsent(key, k -> new ArrayList<>()), "0", id);
          case SCORE -> Collections.addAll(zadds.computeIfAbsent(key, k -> new ArrayList<>()), args.get(a + 1), id);
          case VALUE -> Collections.addAll(zadds.computeIfAbsent(key, k -> new ArrayList<>()), "0",
              args.get(a + 1) + '\0' + id);
          case COMPACT_SCORE, COMPACT_VALUE -> { } // index.lua adds them, from the manifest
          default -> throw new IllegalArgumentException("not an entry of a plain save: " + args.get(a));
        }
        a += 1 + op.arity();
      }
    }
    List<Command<?>> commands = new ArrayList<>(zadds.size() + geoadds.size());
    zadds.forEach((key, members) -> commands.add(new Command<>("ZADD", List.of(key), members, ReplyType.LONG)));
    geoadds.forEach((key, points) -> commands.add(new Command<>("GEOADD", List.of(key), points, ReplyType.LONG)));
    return commands;
  }

  /**
   * The document key of an {@link #indexable} save call and its {@code HSET}'s field/value pairs
   * (its manifest among them when the document holds it).
   */
  static List<String> documentFields(ScriptCall save) {
    int n = Integer.parseInt(save.args().get(SAVE_DOCUMENT_ARGS));
    return save.args().subList(SAVE_DOCUMENT_ARGS + 1, SAVE_DOCUMENT_ARGS + 1 + n);
  }

  /**
   * The command that writes the document of an {@link #unconditional} save call where no document
   * is stored: {@code HSET} of its fields (none, and the manifest in its key: {@code null}, no
   * document, as {@code save.lua} leaves it), or {@code SET} of its JSON text.
   */
  static Command<?> documentCommand(ScriptCall save) {
    List<String> key = List.of(documentKey(save));
    List<String> document = documentFields(save);
    if (Form.HASH.code().equals(save.args().get(1))) {
      return document.isEmpty() ? null : new Command<>("HSET", key, document, ReplyType.LONG);
    }
    return new Command<>("SET", key, document, ReplyType.STRING);
  }

  /** The document key of a one-document {@link #save} call. */
  static String documentKey(ScriptCall save) {
    return save.keys().get(1);
  }

  /**
   * {@code reindex.lua}: rewrite the index entries of {@code id}, leaving the document and its
   * expiry alone; the script adds the expiring entry when the document expires.
   */
  static ScriptCall reindex(KeyLayout.Bucket bucket, String id, Form form, IndexEntries entries) {
    List<String> keys = new ArrayList<>(4 + entries.size());
    keys.add(bucket.documentKey(id));
    keys.add(bucket.manifest(id));
    keys.add(bucket.all());
    keys.add(bucket.expiring());
    List<String> args = new ArrayList<>(5 + 3 * entries.size());
    args.add(id);
    args.add(bucket.indexBase());
    args.add(""); // where the manifest goes unless the document expires
    args.add(""); // the manifest, once the entries have written it
    args.add(expiringEntry(bucket));
    StringBuilder manifest = new StringBuilder(24 * entries.size());
    entries.appendTo(bucket, keys, args, manifest);
    String text = manifest.toString();
    args.set(2, ManifestIn.of(Manifest.inDocument(form, 0, text)).code());
    args.set(3, text);
    return new ScriptCall(keys, args);
  }

  /**
   * {@code expire.lua}: change the expiry of the document of {@code id} ({@code action} with
   * {@code millis}), keeping its expiring entry and the place of its manifest in line.
   */
  static ScriptCall expire(KeyLayout.Bucket bucket, String id, Form form, String versionField,
      EngineProtocol.Expire action, long millis) {
    return new ScriptCall(List.of(bucket.documentKey(id), bucket.manifest(id), bucket.all(), bucket.expiring()),
        List.of(id, bucket.indexBase(), action.code(), Long.toString(millis), expiringEntry(bucket),
            Integer.toString(form == Form.HASH ? Manifest.MAX_IN_DOCUMENT : 0), EntryOp.EXPIRY.code(), form.code(),
            versionField == null ? "" : versionField));
  }

  /**
   * {@code changes_read.lua}: the next events of {@code stream} for {@code consumer} of {@code
   * group}, at most {@code count}, claiming other consumers' events unacknowledged for {@code
   * claimAfterMillis} (-1: never).
   */
  static ScriptCall readChanges(String stream, String group, String consumer, int count, long claimAfterMillis) {
    return new ScriptCall(List.of(stream),
        List.of(group, consumer, Integer.toString(count), Long.toString(claimAfterMillis)));
  }

  /** The manifest's entry naming the bucket's set of expiring ids. */
  private static String expiringEntry(KeyLayout.Bucket bucket) {
    StringBuilder entry = new StringBuilder();
    Manifest.append(entry, bucket, bucket.expiring(), null);
    return entry.toString();
  }

  /** {@code drop_if_gone.lua}: remove the entries of {@code id} if its document no longer exists. */
  static ScriptCall dropIfGone(KeyLayout.Bucket bucket, String id) {
    return documentCall(bucket, id);
  }

  /**
   * {@code delete.lua}: delete the document of {@code id}, stored in {@code form}, and its index
   * entries; a {@code versionField} (else {@code null}) is only named, for the change feed.
   */
  static ScriptCall delete(KeyLayout.Bucket bucket, String id, Form form, String versionField) {
    return deleteCall(bucket, id, form, versionField, "");
  }

  /**
   * {@link #delete} only when the stored {@code @Version} (0: no document) is {@code expectedVersion}.
   */
  static ScriptCall deleteVersioned(KeyLayout.Bucket bucket, String id, Form form, String versionField,
      long expectedVersion) {
    return deleteCall(bucket, id, form, versionField, Long.toString(expectedVersion));
  }

  private static ScriptCall deleteCall(KeyLayout.Bucket bucket, String id, Form form, String versionField,
      String expected) {
    return new ScriptCall(List.of(bucket.documentKey(id), bucket.manifest(id), bucket.all()),
        List.of(id, bucket.indexBase(), form.code(), versionField == null ? "" : versionField, expected));
  }

  /** KEYS document, manifest, ids; ARGV id, index base. */
  private static ScriptCall documentCall(KeyLayout.Bucket bucket, String id) {
    return new ScriptCall(List.of(bucket.documentKey(id), bucket.manifest(id), bucket.all()),
        List.of(id, bucket.indexBase()));
  }

  /**
   * {@code query.lua}: run {@code plan} over its bucket.
   *
   * @param form the form of the model's documents, which {@link Mode#DOCUMENTS} reads with the page
   * @param limit at most this many ids; -1 for all
   * @param withValues whether each id is followed by its sort values
   * @param snapshotKey the list a {@link Mode#SNAPSHOT} writes, else {@code null}
   * @param snapshotTtlMillis the snapshot's time to live in ms
   */
  static ScriptCall query(QueryPlan plan, Mode mode, Form form, long offset, long limit, boolean withValues,
      String snapshotKey, long snapshotTtlMillis) {
    KeyLayout.Bucket bucket = plan.bucket();
    int snapshotPosition = snapshotKey == null ? 0 : plan.addKey(snapshotKey);
    List<String> args = new ArrayList<>(11 + plan.arguments().size());
    args.add(mode.code());
    args.add(bucket.documentPrefix());
    args.add(bucket.manifestPrefix());
    args.add(bucket.indexBase());
    args.add(Long.toString(offset));
    args.add(Long.toString(limit));
    args.add(withValues ? "1" : "0");
    args.add(Integer.toString(snapshotPosition));
    args.add(Long.toString(snapshotTtlMillis));
    args.add(form.code());
    args.addAll(plan.arguments());
    return new ScriptCall(plan.keys(), args);
  }
  /**
   * {@code query_node.lua}: the {@link #query} calls of several buckets of one node in one call,
   * declaring the first bucket's keys (Redis then runs it only where all of them are, while that
   * bucket's slot migrates). The calls differ only in their buckets' tags (each key
   * and the query's document, manifest and index prefixes begin with it), so the first goes whole
   * and the others as their tags: each argument costs the server about a thousand instructions.
   *
   * @param need the rows wanted of the node (offset + limit; -1: every row)
   * @param first the rows asked of each bucket first (at most {@code need}; -1: every row)
   * @param documents how many of the node's first rows come with their documents
   * @throws IllegalStateException when two calls differ in more than their tags
   */
  static ScriptCall nodeQuery(List<ScriptCall> buckets, long need, long first, long documents) {
    ScriptCall template = buckets.get(0);
    String templateTag = tagOf(template);
    List<String> args = new ArrayList<>(6 + template.args().size() + buckets.size());
    args.add(Long.toString(need));
    args.add(Long.toString(first));
    args.add(Long.toString(documents));
    args.add(Integer.toString(buckets.size()));
    args.add(Integer.toString(template.args().size()));
    args.addAll(template.args());
    for (ScriptCall bucket : buckets) {
      String tag = tagOf(bucket);
      List<String> keys = template.keys();
      if (!bucket.keys().equals(retagged(keys, 0, keys.size(), templateTag, tag))
          || !bucket.args().equals(retagged(template.args(), TAGGED_ARGS_FROM, TAGGED_ARGS_TO, templateTag, tag))) {
        throw new IllegalStateException("the query calls of " + templateTag + " and " + tag
            + " differ in more than their tags");
      }
      args.add(tag);
    }
    return new ScriptCall(template.keys(), args);
  }

  /** The tag of a {@link #query} call's bucket: its document prefix ({@code {tag}:}) without the colon. */
  private static String tagOf(ScriptCall query) {
    String documentPrefix = query.args().get(TAGGED_ARGS_FROM);
    return documentPrefix.substring(0, documentPrefix.length() - 1);
  }

  /**
   * {@code values} with {@code to} in place of {@code from} at the start of the values at positions
   * {@code start} (inclusive) to {@code end}; {@code null} when one of them does not start with it.
   */
  private static List<String> retagged(List<String> values, int start, int end, String from, String to) {
    List<String> out = new ArrayList<>(values);
    for (int i = start; i < end; i++) {
      String moved = KeyLayout.retagged(values.get(i), from, to);
      if (moved == null) {
        return null;
      }
      out.set(i, moved);
    }
    return out;
  }
}
