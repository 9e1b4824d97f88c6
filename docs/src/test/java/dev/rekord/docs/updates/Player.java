package dev.rekord.docs.updates;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The model of the partial updates in updates.md. */
// tag::model[]
@RedisModel
public record Player(
    @Id String id,
    @Indexed String team,
    @Numeric(sortable = true) int score,
    String motto,
    @Tag List<String> badges,
    Set<String> friends,
    Map<String, Integer> stats,
    @Indexed LocalDate renewal) {}
// end::model[]
