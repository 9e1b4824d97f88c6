package dev.rekord.benchmarks;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Version;
import java.time.LocalDate;

/** {@link Member} with a {@code @Version}: what optimistic locking adds to the same save. */
@RedisModel(prefix = "bench-versioned-member")
public record VersionedMember(
    @Id String id,
    @Version long version,
    @Tag String city,
    @Tag String country,
    @Numeric(sortable = true) int age,
    String name,
    String email,
    LocalDate joinDate,
    long points) {}
