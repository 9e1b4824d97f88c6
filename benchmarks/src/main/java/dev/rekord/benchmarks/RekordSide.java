package dev.rekord.benchmarks;

import dev.rekord.model.IndexLayout;
import dev.rekord.Rekord;
import java.time.Duration;
import java.util.List;

/**
 * The Rekord side, through the public repository API only: {@code repo.save}, {@code
 * repo.saveAll}, {@code repo.findById} and {@code repo.find(…).sortBy(…).limit(20).list()} — the
 * portable engine's atomic save script (document, three index entries, manifest) and query
 * script, with the generated codec.
 */
final class RekordSide {
  private static final int BATCH = 500;

  private final MemberRepository repo;
  private final CompoundMemberRepository compound;

  /**
   * Connects with a one-minute socket timeout: a deep page, a 16-bucket fan-out or a read of 100k
   * documents on a loaded shared machine can take longer than the default two seconds, and the
   * benchmark times them rather than testing timeouts. {@code buckets} 0: the deployment's default.
   */
  static Rekord connect(String url, int buckets) {
    return connect(url, buckets, IndexLayout.STANDARD);
  }

  /** A Rekord whose models keep their indexes in {@code layout}. */
  static Rekord connect(String url, int buckets, IndexLayout layout) {
    Rekord.Builder builder = Rekord.builder().url(url).socketTimeout(Duration.ofMinutes(1)).indexLayout(layout);
    return buckets > 0 ? builder.buckets(buckets).build() : builder.build();
  }

  RekordSide(Rekord rekord) {
    this.repo = new MemberRepository(rekord);
    this.compound = new CompoundMemberRepository(rekord);
  }

  /** The model's bucket count, from its schema record (fixed when the first document was saved). */
  int buckets() {
    return repo.buckets();
  }

  /** The document and its three index entries in one atomic script. */
  Member save(Member m) {
    return repo.save(m);
  }

  /** {@code repo.saveAll} in batches of {@value #BATCH} (one pipeline each). */
  void saveAll(List<Member> members) {
    for (int from = 0; from < members.size(); from += BATCH) {
      repo.saveAll(members.subList(from, Math.min(from + BATCH, members.size())));
    }
  }

  /** The same members saved as {@link CompoundMember}s (a compound index on city and age). */
  void saveAllCompound(List<Member> members) {
    for (int from = 0; from < members.size(); from += BATCH) {
      compound.saveAll(members.subList(from, Math.min(from + BATCH, members.size())).stream()
          .map(CompoundMember::of).toList());
    }
  }

  /** A save of one {@link CompoundMember}: three indexes and the compound entry. */
  void saveCompound(Member m) {
    compound.save(CompoundMember.of(m));
  }

  Member findById(String id) {
    return repo.findById(id).orElse(null);
  }

  List<Member> byCity(String city, int limit) {
    return repo.find(Member_.city.eq(city)).limit(limit).list();
  }

  List<Member> byCountry(String country, int offset, int limit) {
    return repo.find(Member_.country.eq(country)).offset(offset).limit(limit).list();
  }

  long countByCity(String city) {
    return repo.find(Member_.city.eq(city)).count();
  }

  long countByAge(int lo, int hi) {
    return repo.find(Member_.age.between(lo, hi)).count();
  }

  List<Member> byAge(int lo, int hi, int limit) {
    return byAge(lo, hi, 0, limit);
  }

  List<Member> byAge(int lo, int hi, int offset, int limit) {
    return repo.find(Member_.age.between(lo, hi)).sortBy(Member_.age.asc()).offset(offset).limit(limit).list();
  }

  List<Member> byCityAndAge(String city, int lo, int hi, int limit) {
    return repo.find(Member_.city.eq(city).and(Member_.age.between(lo, hi)))
        .sortBy(Member_.age.asc()).limit(limit).list();
  }

  /** The combined query on the model with a compound index on (city, age). */
  List<CompoundMember> byCityAndAgeCompound(String city, int lo, int hi, int limit) {
    return compound.find(CompoundMember_.city.eq(city).and(CompoundMember_.age.between(lo, hi)))
        .sortBy(CompoundMember_.age.asc()).limit(limit).list();
  }
}
