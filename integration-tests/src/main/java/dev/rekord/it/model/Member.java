package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;
import java.util.List;

/** A realistic model for readable tests; stored as a hash at {@code member:<id>}. */
@RedisModel(prefix = "member")
public record Member(
    @Id String id,
    @Indexed(sortable = true) String city,
    @Indexed(sortable = true) LocalDate joinDate,
    @Indexed(sortable = true) int age,
    @Tag List<String> tags,
    Address address) {}
