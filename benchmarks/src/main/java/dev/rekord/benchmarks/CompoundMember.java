package dev.rekord.benchmarks;

import dev.rekord.annotations.CompoundIndex;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;

/** {@link Member} with a compound index on (city, age): the combined query reads one sorted set. */
@RedisModel(prefix = "bench-compound")
@CompoundIndex({"city", "age"})
public record CompoundMember(
    @Id String id,
    @Tag String city,
    @Tag String country,
    @Numeric(sortable = true) int age,
    String name,
    String email,
    LocalDate joinDate,
    long points) {

  static CompoundMember of(Member m) {
    return new CompoundMember(m.id(), m.city(), m.country(), m.age(), m.name(), m.email(), m.joinDate(), m.points());
  }
}
