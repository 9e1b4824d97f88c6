package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.Rekord;
import dev.rekord.health.HealthReport;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Micrometer is an optional dependency: with none of it on the class path (this class runs in the
 * surefire execution {@code without-micrometer}), connecting, migrating, CRUD, queries, the async
 * view and the health check all work.
 */
class WithoutMicrometerTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void micrometerIsReallyAbsent() {
    assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.MeterRegistry"));
    assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.observation.ObservationRegistry"));
  }

  @Test
  void everythingWorksWithoutIt() throws Exception {
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).maxInFlight(4).build()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      Member ada = members.save(new Member("ada", "Oslo", LocalDate.of(2024, 5, 1), 36, List.of("math"), null));
      assertEquals(Optional.of(ada), members.findById(ada.id()));
      assertEquals(List.of(ada), members.find(Member_.city.eq("Oslo")).list());
      assertEquals(Optional.of(ada), members.async().findById(ada.id()).get(10, TimeUnit.SECONDS));
      assertEquals(HealthReport.Status.UP, rekord.health().status());
    }
  }
}
