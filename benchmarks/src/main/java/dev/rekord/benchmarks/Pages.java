package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Pages of 20 on the {@link FourIndexMember} data set against {@code FT.SEARCH … LIMIT offset 20
 * DIALECT 2} on the same hashes in the RediSearch server — a tag equality, a range sorted by its
 * own field, and a tag AND range sorted by the range's field (Rekord: {@link CompoundMember}'s
 * compound index on the same documents; RediSearch: its one index) — and deep pages (offset
 * {@value #DEEP}, or what a tag holds) against the same query at offset 0.
 */
final class Pages {
  private static final int LIMIT = 20;
  private static final int DEEP = 10_000;

  private final FourIndexMemberRepository repo;
  private final CompoundMemberRepository compound;
  private final ServerStats rekordServer;
  private final SearchServer search;
  private final SideBySide sides;
  private final int docs;
  private final int queries;

  /** {@code search} may be {@code null}: the {@code FT.SEARCH} rows are skipped. */
  Pages(Rekord rekord, ServerStats rekordServer, SearchServer search, SideBySide sides, int docs, int queries) {
    this.repo = new FourIndexMemberRepository(rekord);
    this.compound = new CompoundMemberRepository(rekord);
    this.rekordServer = rekordServer;
    this.search = search;
    this.sides = sides;
    this.docs = docs;
    this.queries = queries;
  }

  // The query shapes, by operation number i; each returns its page.
  private List<FourIndexMember> equality(int i, int offset) {
    return repo.find(FourIndexMember_.city.eq(Dataset.city(i))).offset(offset).limit(LIMIT).list();
  }

  private List<FourIndexMember> searchEquality(int i, int offset) {
    return search.search("@city:{" + SearchServer.tag(Dataset.city(i)) + "}", null, offset, LIMIT);
  }

  private List<FourIndexMember> range(int i, int offset) {
    return repo.find(FourIndexMember_.age.between(lo(i), hi(i))).sortBy(FourIndexMember_.age.asc())
        .offset(offset).limit(LIMIT).list();
  }

  private List<FourIndexMember> searchRange(int i, int offset) {
    return search.search("@age:[" + lo(i) + " " + hi(i) + "]", "age", offset, LIMIT);
  }

  private List<CompoundMember> compound(int i) {
    return compound.find(CompoundMember_.city.eq(Dataset.city(i)).and(CompoundMember_.age.between(25 + i % 20, 35 + i % 20)))
        .sortBy(CompoundMember_.age.asc()).limit(LIMIT).list();
  }

  private List<FourIndexMember> searchCompound(int i) {
    return search.search("@city:{" + SearchServer.tag(Dataset.city(i)) + "} @age:[" + (25 + i % 20) + " " + (35 + i % 20) + "]",
        "age", 0, LIMIT);
  }

  /** Deep range pages read ages 18 + i % 5 … 79: nearly every document. */
  private List<FourIndexMember> wideRange(int i, int offset) {
    return repo.find(FourIndexMember_.age.between(18 + i % 5, 79)).sortBy(FourIndexMember_.age.asc())
        .offset(offset).limit(LIMIT).list();
  }

  private List<FourIndexMember> searchWideRange(int i, int offset) {
    return search.search("@age:[" + (18 + i % 5) + " 79]", "age", offset, LIMIT);
  }

  private List<FourIndexMember> country(int i, int offset) {
    return repo.find(FourIndexMember_.country.eq(Dataset.country(i))).offset(offset).limit(LIMIT).list();
  }

  private List<FourIndexMember> searchCountry(int i, int offset) {
    return search.search("@country:{" + SearchServer.tag(Dataset.country(i)) + "}", null, offset, LIMIT);
  }

  private static int lo(int i) {
    return 30 + i % 20;
  }

  private static int hi(int i) {
    return 32 + i % 20;
  }

  void run(Targets targets) {
    int deep = Math.min(DEEP, docs - docs / 10); // the wide range holds ≥ 90 % of the documents
    int deepTag = Math.min(DEEP, docs / Dataset.COUNTRIES * 9 / 10); // a country holds ~5 %
    int deepQueries = Math.max(20, queries / 5);
    System.out.println("#### Pages of 20 on the same data: Rekord vs `FT.SEARCH`, and deep pages");
    System.out.println();
    System.out.println(SideBySide.header("Rekord", "peer"));
    if (search == null) {
      System.out.println("| `FT.SEARCH` rows skipped: no RediSearch server (run.sh starts one when the module file exists) | | | | | | | | | | | | | |");
      List.of("tag equality", "range sorted by its own field", "compound index").forEach(shape ->
          targets.notMeasured("page of 20, " + shape + ": p50 ≤ 1.0× `FT.SEARCH`", "no RediSearch server"));
    } else {
      check();
      page(targets, "tag equality", "city = c, page of 20, vs `FT.SEARCH @city:{c} LIMIT 0 20`",
          i -> equality(i, 0), i -> searchEquality(i, 0), queries);
      page(targets, "range sorted by its own field", "age in [a, a+2] sorted by age, page of 20, vs `FT.SEARCH @age:[a a+2] SORTBY age`",
          i -> range(i, 0), i -> searchRange(i, 0), queries);
      page(targets, "compound index", "city = c AND age in [a, a+10] sorted by age, compound index, vs `FT.SEARCH @city:{c} @age:[a a+10] SORTBY age`",
          this::compound, this::searchCompound, queries);
    }
    deep(targets, "range sorted by its own field", String.format(Locale.ROOT, "age in [18+, 79] sorted by age, offset %,d", deep),
        i -> wideRange(i, deep), i -> wideRange(i, 0), i -> searchWideRange(i, deep), i -> searchWideRange(i, 0), deepQueries);
    deep(targets, "tag equality", String.format(Locale.ROOT, "country = c, offset %,d", deepTag),
        i -> country(i, deepTag), i -> country(i, 0), i -> searchCountry(i, deepTag), i -> searchCountry(i, 0), deepQueries);
    System.out.println();
  }

  private void page(Targets targets, String shape, String name, IntFunction<?> rekord,
      IntFunction<?> peer, int total) {
    SideBySide.Row row = sides.compare(name, new SideBySide.Side(rekord::apply, rekordServer),
        new SideBySide.Side(peer::apply, search.stats()), total);
    System.out.println(row.markdown());
    targets.atMost(String.format(Locale.ROOT, "page of 20, %s: p50 ≤ 1.0× `FT.SEARCH` (%,d documents)", shape, docs), row.p50Ratio(), 1.0);
    targets.atMost("page of 20, " + shape + ": 1 round trip", row.roundTrips(), 1.0);
  }

  /** Rekord's deep page vs its first page, then (with RediSearch) against {@code FT.SEARCH}'s and {@code FT.SEARCH}'s own. */
  private void deep(Targets targets, String shape, String name, IntFunction<?> rekordDeep,
      IntFunction<?> rekordFirst, IntFunction<?> peerDeep,
      IntFunction<?> peerFirst, int total) {
    SideBySide.Row row = sides.compare(name + " vs offset 0 (Rekord ÷ Rekord)", new SideBySide.Side(rekordDeep::apply, rekordServer),
        new SideBySide.Side(rekordFirst::apply, rekordServer), total);
    System.out.println(row.markdown());
    targets.atMost("deep page (" + name + "), " + shape + ": p50 ≤ 1.5× offset 0 (proxy for O(log n + limit))", row.p50Ratio(), 1.5);
    if (search != null) {
      System.out.println(sides.compare(name + " (Rekord ÷ `FT.SEARCH`)", new SideBySide.Side(rekordDeep::apply, rekordServer),
          new SideBySide.Side(peerDeep::apply, search.stats()), total).markdown());
      System.out.println(sides.compare(name + " vs offset 0 (`FT.SEARCH` ÷ `FT.SEARCH`)", new SideBySide.Side(peerDeep::apply, search.stats()),
          new SideBySide.Side(peerFirst::apply, search.stats()), total).markdown());
    }
  }

  /** Both engines return pages of the same size with the same ages, in the same order for the sorted shapes. */
  private void check() {
    for (int i = 0; i < 3; i++) {
      same("equality", ages(equality(i, 0)), searchEquality(i, 0), false);
      same("range", ages(range(i, 0)), searchRange(i, 0), true);
      same("compound", compound(i).stream().map(CompoundMember::age).toList(), searchCompound(i), true);
      int offset = Math.min(DEEP, docs / 2);
      same("deep range (min age " + (18 + i % 5) + ", offset " + offset + ")", ages(wideRange(i, offset)),
          searchWideRange(i, offset), true);
    }
  }

  private static List<Integer> ages(List<FourIndexMember> members) {
    return members.stream().map(FourIndexMember::age).toList();
  }

  private static void same(String shape, List<Integer> a, List<FourIndexMember> peer, boolean sorted) {
    List<Integer> b = ages(peer);
    if (a.size() != b.size() || a.isEmpty() || (sorted && !a.equals(b))) {
      throw new IllegalStateException(shape + ": Rekord " + a + ", FT.SEARCH " + b);
    }
  }
}
