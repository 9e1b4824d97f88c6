package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.IndexReport.Discrepancy;
import dev.rekord.schema.IndexReport.Kind;
import java.util.Map;
import dev.rekord.exception.WrongTypeException;
import java.util.Set;

/**
 * Checks that a model's documents and its portable index agree, bucket by bucket, and reports
 * every {@link Discrepancy}: each id in a bucket's {@code #ids} set has a document; each document
 * is in the {@code #ids} set of its own bucket; each entry a manifest (the field {@code #} of a hash
 * document, or the key {@code #doc:<id>}) lists
 * exists in its index key; each member of an index key is listed by the manifest of its id.
 *
 * <pre>{@code
 * IndexReport report = members.verifyIndex();
 * if (!report.consistent()) log.warn("{}", report.discrepancies());
 * }</pre>
 *
 * <p>It reads the whole model (every primary is scanned once for its keys, then every index key is
 * read), so it is a maintenance tool, not something to run per request. It is not a snapshot:
 * run it while the model is not being written, or expect writes in flight to show up. Ids whose
 * document has expired remain in the index until a query meets them ({@code
 * dev.rekord.internal.engine.portable.IndexWriter}): they are reported as {@link Kind#INDEXED_WITHOUT_DOCUMENT}.
 * {@code Rekord.migrate()} (a rebuild) repairs what it finds.
 */
public final class IndexVerifier {

  /** Keys read per pipeline. */
  private static final int BATCH = 500;

  private final RedisConnection connection;
  private final KeyLayout layout;

  private IndexVerifier(RedisConnection connection, KeyLayout layout) {
    this.connection = connection;
    this.layout = layout;
  }

  /** Verifies the model laid out as {@code layout}. */
  public static IndexReport verify(RedisConnection connection, KeyLayout layout) {
    return new IndexVerifier(connection, layout).run();
  }

  private IndexReport run() {
    Map<String, Integer> bucketOfTag = new HashMap<>();
    for (int b = 0; b < layout.buckets(); b++) {
      bucketOfTag.put(layout.bucket(b).tag(), b);
    }
    List<Map<String, String>> documents = new ArrayList<>(); // per bucket: id -> key
    List<Map<String, String>> manifests = new ArrayList<>(); // per bucket: id -> key
    List<List<String>> indexKeys = new ArrayList<>();
    for (int b = 0; b < layout.buckets(); b++) {
      documents.add(new LinkedHashMap<>());
      manifests.add(new LinkedHashMap<>());
      indexKeys.add(new ArrayList<>());
    }
    String match = KeyLayout.escapeGlob("{" + layout.prefix()) + "*";
    connection.scanKeys(match, null, batch -> {
      for (String key : batch) {
        int close = key.indexOf('}');
        Integer b = close < 0 ? null : bucketOfTag.get(key.substring(0, close + 1));
        if (b == null || close + 1 >= key.length()) {
          continue; // another model whose prefix starts the same way
        }
        KeyLayout.Bucket bucket = layout.bucket(b);
        if (key.charAt(close + 1) == ':') {
          documents.get(b).put(key.substring(bucket.documentPrefix().length()), key);
        } else if (key.startsWith(bucket.manifestPrefix())) {
          manifests.get(b).put(key.substring(bucket.manifestPrefix().length()), key);
        } else if (bucket.compactSetOf(key) != null) {
          if (bucket.compactChunk(key)) {
            indexKeys.get(b).add(key); // read as a part of its set; the directory and counts are not
          }
        } else if (bucket.holdsIndexEntries(key)) {
          indexKeys.get(b).add(key);
        }
      }
    });

    List<Discrepancy> found = new ArrayList<>();
    long documentCount = 0;
    long indexedCount = 0;
    long entryCount = 0;
    for (int b = 0; b < layout.buckets(); b++) {
      KeyLayout.Bucket bucket = layout.bucket(b);
      // Index keys: a compact set's members are those of its chunks.
      List<String> keys = indexKeys.get(b);
      List<List<String>> contents = readAll(keys, key -> key, null);
      Map<String, Set<String>> present = new HashMap<>();
      Map<String, Map<String, Long>> chunkSizes = new HashMap<>(); // compact set -> chunk bound -> entries
      for (int i = 0; i < keys.size(); i++) {
        String set = bucket.compactSetOf(keys.get(i));
        present.computeIfAbsent(set == null ? keys.get(i) : set, k -> new HashSet<>()).addAll(contents.get(i));
        if (set != null) {
          chunkSizes.computeIfAbsent(set, k -> new HashMap<>())
              .put(keys.get(i).substring(set.length() + CompactSets.CHUNK.length()), (long) contents.get(i).size());
        }
      }
      for (Map.Entry<String, Map<String, Long>> set : chunkSizes.entrySet()) {
        String problem = compactCountsProblem(set.getKey(), set.getValue());
        if (problem != null) {
          found.add(new Discrepancy(Kind.COMPACT_SET_COUNTS, b, null, set.getKey(), problem));
        }
      }
      Set<String> all = bucket.compact() ? present.getOrDefault(bucket.all(), Set.of())
          : new HashSet<>(connection.execute(Commands.zrange(bucket.all(), 0, -1)));
      present.remove(bucket.all());
      indexedCount += all.size();
      documentCount += documents.get(b).size();
      for (Map.Entry<String, String> document : documents.get(b).entrySet()) {
        String id = document.getKey();
        if (layout.bucketOf(id) != b) {
          found.add(new Discrepancy(Kind.WRONG_BUCKET, b, id, document.getValue(),
              "belongs in bucket " + layout.bucketOf(id)));
        } else if (!all.contains(id)) {
          found.add(new Discrepancy(Kind.DOCUMENT_NOT_INDEXED, b, id, document.getValue(), null));
        }
      }
      for (String id : all) {
        if (!documents.get(b).containsKey(id)) {
          found.add(new Discrepancy(Kind.INDEXED_WITHOUT_DOCUMENT, b, id, bucket.all(), null));
        }
      }
      // Manifests: what each id claims to be in, from its manifest key or its document's hash.
      Map<String, Set<String>> listed = new HashMap<>(); // index key -> members listed
      Map<String, String> manifestTexts = new LinkedHashMap<>(); // id -> manifest
      List<String> manifestIds = new ArrayList<>(manifests.get(b).keySet());
      List<List<String>> manifestContents = readAll(manifestIds, id -> bucket.manifest(id), "manifest");
      for (int i = 0; i < manifestIds.size(); i++) {
        manifestTexts.put(manifestIds.get(i), manifestContents.get(i).get(0));
      }
      List<String> documentIds = new ArrayList<>(documents.get(b).keySet());
      List<List<String>> inDocuments = readAll(documentIds, id -> bucket.documentKey(id), "document");
      for (int i = 0; i < documentIds.size(); i++) {
        String text = inDocuments.get(i).get(0);
        if (text != null && manifestTexts.putIfAbsent(documentIds.get(i), text) != null) {
          found.add(new Discrepancy(Kind.ORPHAN_MANIFEST, b, documentIds.get(i), bucket.manifest(documentIds.get(i)),
              "the document's hash holds its manifest too"));
        }
      }
      for (Map.Entry<String, String> manifest : manifestTexts.entrySet()) {
        String id = manifest.getKey();
        if (!all.contains(id)) {
          found.add(new Discrepancy(Kind.ORPHAN_MANIFEST, b, id,
              manifests.get(b).containsKey(id) ? bucket.manifest(id) : bucket.documentKey(id), null));
        }
        if (manifest.getValue() == null) {
          continue; // the key went away since the scan
        }
        for (Manifest.Entry entry : Manifest.entries(manifest.getValue(), bucket, id)) {
          listed.computeIfAbsent(entry.key(), k -> new HashSet<>()).add(entry.member());
        }
      }
      // Index keys: every member must be listed, every listed member present.
      for (Map.Entry<String, Set<String>> index : present.entrySet()) {
        String key = index.getKey();
        Set<String> members = index.getValue();
        entryCount += members.size();
        Set<String> expected = listed.getOrDefault(key, Set.of());
        for (String member : members) {
          if (!expected.contains(member)) {
            found.add(new Discrepancy(Kind.UNLISTED_ENTRY, b, idOf(bucket, key, member), key, member));
          }
        }
      }
      for (Map.Entry<String, Set<String>> entry : listed.entrySet()) {
        Set<String> members = present.getOrDefault(entry.getKey(), Set.of());
        for (String member : entry.getValue()) {
          if (!members.contains(member)) {
            found.add(new Discrepancy(Kind.MISSING_ENTRY, b, idOf(bucket, entry.getKey(), member),
                entry.getKey(), member));
          }
        }
      }
    }
    return new IndexReport(layout.prefix(), layout.buckets(), documentCount, indexedCount, entryCount, found);
  }

  /**
   * What is wrong with the directory and counts of the compact set {@code set} whose chunks hold
   * {@code sizes} entries (by bound), or {@code null}: the directory names exactly the chunks that
   * hold entries (the first, bound {@code ''}, may be empty), each chunk's count is its size, the
   * groups' counts and the set's count add up to all of them.
   */
  private String compactCountsProblem(String set, Map<String, Long> sizes) {
    Batch batch = connection.batch();
    Reply<List<String>> directory = batch.add(Commands.zrange(CompactSets.directory(set), 0, -1));
    Reply<Map<String, String>> counts = batch.add(Commands.hgetAll(CompactSets.chunkCounts(set)));
    Reply<Map<String, String>> groups = batch.add(Commands.hgetAll(CompactSets.groupCounts(set)));
    Reply<String> count = batch.add(Commands.get(CompactSets.total(set)));
    batch.execute();
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    Set<String> bounds = new HashSet<>(directory.get());
    bounds.remove("");
    Set<String> held = new HashSet<>(sizes.keySet());
    held.remove("");
    if (!bounds.equals(held)) {
      return "the directory names " + bounds.size() + " chunk(s) after the first, " + held.size() + " hold entries";
    }
    for (Map.Entry<String, Long> chunk : sizes.entrySet()) {
      String counted = counts.get().get(chunk.getKey());
      if (counted == null ? chunk.getValue() != 0 : Long.parseLong(counted) != chunk.getValue()) {
        return "a chunk holds " + chunk.getValue() + " entries, its count says " + counted;
      }
    }
    long grouped = groups.get().values().stream().mapToLong(Long::parseLong).sum();
    if (grouped != total || count.get() == null || Long.parseLong(count.get()) != total) {
      return "the chunks hold " + total + " entries, the groups count " + grouped + ", the set " + count.get();
    }
    return null;
  }

  /**
   * An entry's id: the member itself, or in a lexicographic index, whose members are {@code
   * value\0id} with the value escaped, what follows the first byte 0.
   */
  private static String idOf(KeyLayout.Bucket bucket, String key, String member) {
    if (!bucket.isLexical(key)) {
      return member;
    }
    int zero = member.indexOf('\0');
    return zero < 0 ? member : member.substring(zero + 1);
  }

  /**
   * The members of each key, in pipelines of {@link #BATCH}: a manifest's text (one element; for
   * a {@code "document"}, the manifest its hash holds, {@code null} when none or not a hash), or,
   * when {@code type} is {@code null}, a sorted set.
   */
  @SuppressWarnings("unchecked") // ZRANGE's reply is a list of strings
  private List<List<String>> readAll(List<String> names, java.util.function.UnaryOperator<String> keyOf,
      String type) {
    List<List<String>> out = new ArrayList<>(names.size());
    for (int from = 0; from < names.size(); from += BATCH) {
      Batch batch = connection.batch();
      List<Reply<?>> replies = new ArrayList<>(BATCH);
      for (String name : names.subList(from, Math.min(names.size(), from + BATCH))) {
        String key = keyOf.apply(name);
        if ("manifest".equals(type)) {
          replies.add(batch.add(Commands.get(key)));
        } else if ("document".equals(type)) {
          replies.add(batch.add(Commands.hget(key, KeyLayout.MANIFEST_FIELD)));
        } else { // every index key since layout 2 is a sorted set
          replies.add(batch.add(Commands.zrange(key, 0, -1)));
        }
      }
      batch.execute();
      for (Reply<?> reply : replies) {
        Object value;
        try {
          value = reply.get();
        } catch (WrongTypeException e) {
          value = null; // a JSON document: its manifest is in its key
        }
        out.add(value == null ? java.util.Collections.singletonList(null)
            : value instanceof String text ? List.of(text) : (List<String>) value);
      }
    }
    return out;
  }

}
