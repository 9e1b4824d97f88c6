package dev.rekord.docs.gettingstarted;

// tag::model[]
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import java.time.LocalDate;

@RedisModel
public record Member(
    @Id String id,
    String name,
    @Indexed String city,
    @Indexed LocalDate joinDate) {}
// end::model[]
