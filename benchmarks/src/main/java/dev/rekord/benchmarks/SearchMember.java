package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Vector;
import java.time.LocalDate;

/**
 * {@link SearchEngineBenchmark}'s documents: {@link FourIndexMember}'s two tags and two sortable
 * numbers, and a 64-dimension embedding (L2, FLAT: exact, so all three sides find the same
 * neighbours).
 */
@RedisModel(prefix = "bench-search")
public record SearchMember(
    @Id String id,
    @Tag String city,
    @Tag String country,
    @Numeric(sortable = true) int age,
    String name,
    String email,
    LocalDate joinDate,
    @Numeric(sortable = true) long points,
    @Vector(dimensions = SearchMember.DIMENSIONS, distance = Vector.Distance.L2) float[] embedding) {

  static final int DIMENSIONS = 64;

  /** Document {@code i}: {@link Dataset#member}'s fields and a vector of its own, the same in every run. */
  static SearchMember of(long i) {
    Member m = Dataset.member("m" + i, i);
    return new SearchMember(m.id(), m.city(), m.country(), m.age(), m.name(), m.email(), m.joinDate(), m.points(),
        vector(i));
  }

  /** Uniform in [-1, 1) per element, seeded by {@code seed}. */
  static float[] vector(long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] v = new float[DIMENSIONS];
    for (int d = 0; d < v.length; d++) {
      v[d] = (float) (random.nextDouble() * 2 - 1);
    }
    return v;
  }

  /** Field by field, the embedding by its elements (a record's {@code equals} compares arrays by identity). */
  boolean sameAs(SearchMember other) {
    return other != null && id.equals(other.id) && city.equals(other.city) && country.equals(other.country)
        && age == other.age && name.equals(other.name) && email.equals(other.email) && joinDate.equals(other.joinDate)
        && points == other.points && java.util.Arrays.equals(embedding, other.embedding);
  }
}
