package dev.rekord.it.model;

import dev.rekord.annotations.CompoundIndex;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;

/**
 * Compound indexes: of tags that are case-sensitive, case-insensitive, an enum and inside an
 * embedded record, and of numbers that are never null ({@code age}), a nullable date and double,
 * and a primitive inside an embedded record (null when the record is); two of them share their
 * tag and number, one adds a tag.
 */
@RedisModel(prefix = "resident")
@CompoundIndex({"city", "age"})
@CompoundIndex({"city", "team", "age"})
@CompoundIndex({"team", "joined"})
@CompoundIndex({"color", "score"})
@CompoundIndex({"city", "home.floor"})
@CompoundIndex({"home.country", "age"})
public record Resident(
    @Id String id,
    @Tag(sortable = true) String city,
    @Tag(caseSensitive = false) String team,
    @Numeric(sortable = true) int age,
    @Numeric(sortable = true) LocalDate joined,
    @Tag Color color,
    @Numeric(sortable = true) Double score,
    @Tag String nickname,
    Home home) {}
