package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;

/**
 * The data set: {@link Member} with exactly four indexes — two tags, two sortable numbers
 * ({@code age} and {@code points}) — the same fields RediSearch indexes in the comparison.
 */
@RedisModel(prefix = "bench-member4")
public record FourIndexMember(
    @Id String id,
    @Tag String city,
    @Tag String country,
    @Numeric(sortable = true) int age,
    String name,
    String email,
    LocalDate joinDate,
    @Numeric(sortable = true) long points) {

  static FourIndexMember of(Member m) {
    return new FourIndexMember(m.id(), m.city(), m.country(), m.age(), m.name(), m.email(), m.joinDate(), m.points());
  }
}
