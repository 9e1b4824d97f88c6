package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;

/** The benchmark's typical model: three indexes (two tags, one sortable number) and four plain fields. */
@RedisModel(prefix = "bench-member")
public record Member(
    @Id String id,
    @Tag String city,
    @Tag String country,
    @Numeric(sortable = true) int age,
    String name,
    String email,
    LocalDate joinDate,
    long points) {

  /** This member without its id: saved, it gets a generated one (a new entity). */
  Member withoutId() {
    return new Member(null, city, country, age, name, email, joinDate, points);
  }
}
