package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import dev.rekord.engine.IndexEntries;
import dev.rekord.engine.IndexWriter;
import dev.rekord.engine.KeyLayout;
import dev.rekord.engine.PortableQueryEngine;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.script.ScriptCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The Rekord side. While the repository is being wired to the portable engine (its save does not
 * yet write index entries, its keys are not yet the engine's {@code {prefix}:<id>}, and {@code
 * repo.find(…)} does not exist yet), indexed saves, reads of indexed documents and queries go
 * through the engine ({@link IndexWriter}, {@link PortableQueryEngine}) and the generated codec,
 * exactly as the repository will call them. Everything engine-specific is in this class, so
 * switching to {@code repo.save}/{@code repo.find(…).sortBy(…).limit(20).list()} is local.
 */
final class RekordSide {
  private static final int BATCH = 500;

  private final Rekord rekord;
  private final MemberRepository repo;
  private final KeyLayout layout;
  private final IndexWriter writer;
  private final PortableQueryEngine engine;

  RekordSide(Rekord rekord) {
    this.rekord = rekord;
    this.repo = new MemberRepository(rekord);
    this.layout = KeyLayout.of(repo.model().keyPrefix());
    this.writer = new IndexWriter(rekord.connection(), layout);
    this.engine = new PortableQueryEngine(rekord.connection(), layout);
  }

  KeyLayout.Bucket bucket() {
    return layout.bucket(0);
  }

  /** The repository's save as it is today (document only, at {@code repo.keyOf(id)}). */
  Member save(Member m) {
    return repo.save(m);
  }

  /** The document and its three index entries in one atomic script. */
  void saveIndexed(Member m) {
    writer.saveHash(m.id(), MemberCodec.INSTANCE.toHash(m), Duration.ZERO, entries(m));
  }

  /** Indexed saves pipelined in batches of {@value #BATCH}, as {@code repo.saveAll} does. */
  void saveAll(List<Member> members) {
    for (int from = 0; from < members.size(); from += BATCH) {
      List<ScriptCall> calls = new ArrayList<>(BATCH);
      for (Member m : members.subList(from, Math.min(from + BATCH, members.size()))) {
        calls.add(writer.saveHashCall(m.id(), MemberCodec.INSTANCE.toHash(m), Duration.ZERO, entries(m)));
      }
      writer.saveAll(calls);
    }
  }

  /** HGETALL of the document key, decoded by the generated codec (what {@code findById} does). */
  Member findById(String id) {
    String key = layout.documentKey(id);
    Map<String, String> hash = rekord.connection().commands().hgetAll(key);
    return hash.isEmpty() ? null : MemberCodec.INSTANCE.fromHash(key, hash);
  }

  List<Member> byCity(String city, int limit) {
    return find(Member_.city.eq(city), List.of(), limit);
  }

  List<Member> byAge(int lo, int hi, int limit) {
    return find(Member_.age.between(lo, hi), List.of(Member_.age.asc()), limit);
  }

  List<Member> byCityAndAge(String city, int lo, int hi, int limit) {
    return find(Member_.city.eq(city).and(Member_.age.between(lo, hi)), List.of(Member_.age.asc()), limit);
  }

  private static IndexEntries entries(Member m) {
    return IndexEntries.create()
        .tag(MemberIndex.CITY, m.city())
        .tag(MemberIndex.COUNTRY, m.country())
        .numeric(MemberIndex.AGE, m.age());
  }

  /** Ids from the engine's query script, then the documents in one pipeline. */
  private List<Member> find(Condition<Member> condition, List<Sort<Member>> sort, int limit) {
    List<String> ids = engine.ids(condition, sort, 0, limit);
    List<Response<Map<String, String>>> replies = new ArrayList<>(ids.size());
    try (AbstractPipeline p = rekord.connection().pipeline()) {
      for (String id : ids) {
        replies.add(p.hgetAll(layout.documentKey(id)));
      }
      p.sync();
    }
    List<Member> members = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      members.add(MemberCodec.INSTANCE.fromHash(layout.documentKey(ids.get(i)), replies.get(i).get()));
    }
    return members;
  }
}
