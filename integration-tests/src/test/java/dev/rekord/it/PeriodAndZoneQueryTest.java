package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.it.model.AllTypesHash_;
import dev.rekord.it.model.AllTypesHashRepository;
import dev.rekord.it.model.AllTypesJson_;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.test.RedisExtension;
import java.time.Period;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code Period} and {@code ZoneId} have no order: they are tags, equal exactly when {@code equals}
 * says so ({@code P1Y} is not {@code P12M}); the ordered new types sort in both storages.
 */
class PeriodAndZoneQueryTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private Rekord rekord;
  private AllTypesHashRepository hashes;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    hashes = new AllTypesHashRepository(rekord);
    hashes.saveAll(List.of(
        AllTypesValues.typical(v -> {
          v.period = Period.ofYears(1);
          v.zone = ZoneId.of("Europe/Oslo");
          v.zones = Set.of(ZoneId.of("UTC"), ZoneOffset.ofHours(2));
        }).toHash("a"),
        AllTypesValues.typical(v -> {
          v.period = Period.ofMonths(12);
          v.zone = ZoneOffset.ofHours(1);
          v.zones = Set.of(ZoneId.of("Europe/Oslo"));
        }).toHash("b"),
        AllTypesValues.typical(v -> {
          v.period = null;
          v.zone = ZoneId.of("UTC");
          v.zones = null;
        }).toHash("c")));
  }

  @AfterEach
  void disconnect() {
    rekord.close();
  }

  @Test
  void periodsMatchByEquals() {
    assertEquals(List.of("a"), hashes.find(AllTypesHash_.period.eq(Period.ofYears(1))).ids());
    assertEquals(List.of("b"), hashes.find(AllTypesHash_.period.eq(Period.ofMonths(12))).ids());
    assertEquals(List.of("b", "c"), sorted(hashes.find(AllTypesHash_.period.ne(Period.ofYears(1))).ids()));
    assertEquals(List.of("a", "b"),
        sorted(hashes.find(AllTypesHash_.period.in(Period.ofYears(1), Period.ofMonths(12))).ids()));
    assertEquals(List.of("c"), hashes.find(AllTypesHash_.period.isNull()).ids());
  }

  @Test
  void zonesMatchByIdAndOffsetsAreZones() {
    assertEquals(List.of("a"), hashes.find(AllTypesHash_.zone.eq(ZoneId.of("Europe/Oslo"))).ids());
    assertEquals(List.of("b"), hashes.find(AllTypesHash_.zone.eq(ZoneOffset.ofHours(1))).ids());
    assertEquals(List.of("b"), hashes.find(AllTypesHash_.zone.eq(ZoneId.of("+01:00"))).ids());
    assertEquals(List.of(), hashes.find(AllTypesHash_.zone.eq(ZoneId.of("Europe/Paris"))).ids());
    assertEquals(List.of("a"), hashes.find(AllTypesHash_.zones.contains(ZoneOffset.ofHours(2))).ids());
    assertEquals(List.of("a", "b"),
        sorted(hashes.find(AllTypesHash_.zones.containsAny(ZoneId.of("UTC"), ZoneId.of("Europe/Oslo"))).ids()));
  }

  @Test
  void yearsSortInJsonStorageToo() {
    AllTypesJsonRepository jsons = new AllTypesJsonRepository(rekord);
    UUID early = UUID.fromString("00000000-0000-7000-8000-000000000001");
    UUID late = UUID.fromString("00000000-0000-7000-8000-000000000002");
    jsons.save(AllTypesValues.typical(v -> v.year = Year.of(Year.MAX_VALUE)).toJson(late));
    jsons.save(AllTypesValues.typical(v -> v.year = Year.of(-5000)).toJson(early));
    assertEquals(List.of(early, late), jsons.findAll().sortBy(AllTypesJson_.year.asc()).ids());
    assertEquals(List.of(late), jsons.find(AllTypesJson_.year.gt(Year.of(2300))).ids());
  }

  private static List<String> sorted(List<String> ids) {
    return ids.stream().sorted().toList();
  }
}
