package dev.rekord.docs.modelling;

import dev.rekord.annotations.FieldName;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

// tag::model[]
@RedisModel(prefix = "people")
public record Person(
    @Id String id,
    @Text String name,
    @Indexed(sortable = true) LocalDate born,
    int age,
    Plan plan,
    Address home,
    @Tag Set<String> skills,
    List<String> nicknames,
    Map<String, Integer> scores,
    Instant createdAt,
    @FieldName("bal") BigDecimal balance) {}
// end::model[]
