package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.AllTypesHash;
import dev.rekord.it.model.AllTypesHashRepository;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.Contact;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Place;
import dev.rekord.test.RedisExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** What is actually in Redis after a save, read with plain Jedis: the documented layout. */
class StoredLayoutTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private Rekord rekord;
  private RedisClient raw;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    raw = RedisClient.create(redis.server().host(), redis.server().port());
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
  }

  @Test
  void memberIsAHashAtPrefixColonIdWithDottedEmbeddedFields() {
    new MemberRepository(rekord)
        .save(
            new Member(
                "m1",
                "Oslo",
                LocalDate.of(2024, 1, 15),
                42,
                List.of("java", "redis"),
                new Address("Storgata 1", "Bergen", GeoPoint.of(5.25, 60.5))));

    assertEquals(Set.of("{member}:m1"), raw.keys("{member}:*"));
    assertEquals("hash", raw.type("{member}:m1"));
    assertEquals(
        Map.of(
            "id", "m1",
            "city", "Oslo",
            "joinDate", "2024-01-15",
            "age", "42",
            "tags", "[\"java\",\"redis\"]",
            "address", "{}",
            "address.street", "Storgata 1",
            "address.city", "Bergen",
            "address.location", "5.25,60.5"),
        raw.hgetAll("{member}:m1"));
  }

  @Test
  void nullComponentsAreNotStoredAndANullEmbeddedRecordHasNoMarker() {
    new MemberRepository(rekord).save(new Member("m2", null, null, 0, null, null));

    // "#": Rekord's manifest of the document's index entries (nulls of four fields, the age), short
    // enough to live in the document (docs/queries.md, "How the index is stored")
    assertEquals(Map.of("id", "m2", "age", "0", "#", "Zcity:ZjoinDate:Nage:Ztags:Zaddress.city:"),
        raw.hgetAll("{member}:m2"));
  }

  @Test
  void anEmbeddedRecordWithOnlyNullsKeepsItsPresenceMarker() {
    new MemberRepository(rekord)
        .save(new Member("m3", null, null, 7, List.of(), new Address(null, null, null)));

    assertEquals(
        Map.of("id", "m3", "age", "7", "tags", "[]", "address", "{}",
            "#", "Zcity:ZjoinDate:Nage:Ztags:Zaddress.city:"),
        raw.hgetAll("{member}:m3"));
  }

  @Test
  void twoLevelsOfEmbeddingFlattenToDottedPathsWithAMarkerPerLevel() {
    AllTypesHash saved =
        new AllTypesHashRepository(rekord)
            .save(
                AllTypesValues.typical(
                        v ->
                            v.contact =
                                new Contact("Ada", null, new Address(null, "Oslo", null)))
                    .toHash("nested"));

    Map<String, String> hash = raw.hgetAll("{all-types-hash}:" + saved.id());
    assertEquals("{}", hash.get("contact"));
    assertEquals("Ada", hash.get("contact.name"));
    assertFalse(hash.containsKey("contact.email"), "null email is not stored");
    assertEquals("{}", hash.get("contact.address"));
    assertEquals("Oslo", hash.get("contact.address.city"));
  }

  @Test
  void fieldNameRenamesTheStoredFieldAndListsOfRecordsAreJsonText() {
    AllTypesHash saved =
        new AllTypesHashRepository(rekord)
            .save(
                AllTypesValues.typical(
                        v -> {
                          v.text = "renamed";
                          v.strings = Arrays.asList("a", null);
                          v.places = List.of(new Place("p", LocalDate.of(2024, 5, 17), Color.BLUE));
                          v.counters = Map.of("visits", 3L);
                        })
                    .toHash("renamed"));

    Map<String, String> hash = raw.hgetAll("{all-types-hash}:" + saved.id());
    assertEquals("renamed", hash.get("str"));
    assertFalse(hash.containsKey("text"), "stored under its @FieldName only");
    assertEquals("[\"a\",null]", hash.get("strings"));
    assertEquals(
        "[{\"name\":\"p\",\"visited\":\"2024-05-17\",\"color\":\"BLUE\"}]",
        hash.get("places"));
    assertEquals("{\"visits\":3}", hash.get("counters"));
  }

  @Test
  void scalarsAreStoredInTheirDocumentedTextForms() {
    new AllTypesHashRepository(rekord)
        .save(
            AllTypesValues.typical(
                    v -> {
                      v.ratio = Float.NaN;
                      v.measure = -0.0;
                      v.boxedMeasure = Double.NEGATIVE_INFINITY;
                      v.amount = new BigDecimal("1.10");
                      v.bytes = new byte[] {0, 1, 2, -1};
                      v.duration = Duration.ofNanos(-1);
                      v.zonedDateTime =
                          ZonedDateTime.of(
                                  LocalDateTime.of(2024, 10, 27, 2, 30), ZoneId.of("Europe/Oslo"))
                              .withLaterOffsetAtOverlap();
                    })
                .toHash("forms"));

    Map<String, String> hash = raw.hgetAll("{all-types-hash}:forms");
    assertEquals("true", hash.get("flag"));
    assertEquals("x", hash.get("letter"));
    assertEquals("9876543210", hash.get("big"));
    assertEquals("NaN", hash.get("ratio"));
    assertEquals("-0.0", hash.get("measure"));
    assertEquals("-Infinity", hash.get("boxedMeasure"));
    assertEquals("GREEN", hash.get("color"));
    assertEquals("1.10", hash.get("amount"));
    assertEquals("0f8fad5b-d9cb-469f-a165-70867728950e", hash.get("reference"));
    assertEquals("2024-03-01T12:34:56.789Z", hash.get("instant"));
    assertEquals("2024-02-29", hash.get("date"));
    assertEquals("2024-03-01T12:34:56.789+02:00", hash.get("offsetDateTime"));
    assertEquals("2024-10-27T02:30+01:00[Europe/Oslo]", hash.get("zonedDateTime"));
    assertEquals("PT-0.000000001S", hash.get("duration"));
    assertEquals("AAEC/w==", hash.get("bytes"));
    assertEquals("10.7522,59.9139", hash.get("point"));
    assertEquals("09:30:15.500+02:00", hash.get("offsetTime"));
    assertEquals("2024", hash.get("year"));
    assertEquals("2024-02", hash.get("yearMonth"));
    assertEquals("--02-29", hash.get("monthDay"));
    assertEquals("+05:30", hash.get("zoneOffset"));
    assertEquals("P1Y14M-3D", hash.get("period"));
    assertEquals("Europe/Oslo", hash.get("zone"));
    assertEquals("[\"2024-01\",\"+10000-12\",\"-0001-06\"]", hash.get("months"));
  }

  @Test
  void jsonStoresNonFiniteNumbersAndBigDecimalsAsStrings() {
    UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a805a");
    new AllTypesJsonRepository(rekord)
        .save(
            AllTypesValues.typical(
                    v -> {
                      v.boxedMeasure = Double.NaN;
                      v.ratio = Float.NEGATIVE_INFINITY;
                      v.measure = Double.POSITIVE_INFINITY;
                      v.amount = new BigDecimal("1.10");
                      v.number = -5;
                    })
                .toJson(id));

    String json = raw.get("{all-types-json}:" + id);
    assertTrue(json.contains("\"boxedMeasure\":\"NaN\""), json);
    assertTrue(json.contains("\"ratio\":\"-Infinity\""), json);
    assertTrue(json.contains("\"measure\":\"Infinity\""), json);
    assertTrue(json.contains("\"amount\":\"1.10\""), json);
    assertTrue(json.contains("\"number\":-5"), json);
    assertTrue(json.contains("\"flag\":true"), json);
  }

  @Test
  void aHashWithEveryReferenceNullHoldsOnlyTheIdAndThePrimitives() {
    new AllTypesHashRepository(rekord).save(AllTypesValues.allReferencesNull().toHash("sparse"));

    assertEquals(
        new TreeSet<>(
            List.of(
                "id", "flag", "letter", "tiny", "small", "number", "big", "ratio", "measure")),
        new TreeSet<>(raw.hgetAll("{all-types-hash}:sparse").keySet()));
  }

  @Test
  void jsonStorageIsAStringHoldingOneJsonObject() {
    UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    new AllTypesJsonRepository(rekord)
        .save(
            AllTypesValues.typical(
                    v -> {
                      v.text = "renamed";
                      v.contact = new Contact("Ada", null, new Address(null, "Oslo", null));
                    })
                .toJson(id));

    String key = "{all-types-json}:" + id;
    assertEquals(Set.of(key), raw.keys("{all-types-json}:*"));
    assertEquals("string", raw.type(key));
    String json = raw.get(key);
    assertTrue(json.startsWith("{") && json.endsWith("}"), json);
    assertTrue(json.contains("\"id\":\"" + id + "\""), json);
    assertTrue(json.contains("\"str\":\"renamed\""), "@FieldName in JSON: " + json);
    assertFalse(json.contains("\"text\""), json);
    assertTrue(
        json.contains("\"contact\":{\"name\":\"Ada\",\"address\":{\"city\":\"Oslo\"}}"),
        "embedded records are nested objects without nulls: " + json);
  }

  @Test
  void jsonStorageLeavesNullsOut() {
    UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8058");
    new AllTypesJsonRepository(rekord).save(AllTypesValues.allReferencesNull().toJson(id));

    String json = raw.get("{all-types-json}:" + id);
    assertFalse(json.contains("null"), json);
    assertFalse(json.contains("contact"), json);
  }

  @Test
  void jsonDocumentsWrittenByHandAreRead() {
    UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8059");
    raw.set(
        "{all-types-json}:" + id,
        "{\"id\":\"" + id + "\",\"unknownMember\":[1,{\"x\":2}],\"flag\":true,\"letter\":\"q\","
            + "\"tiny\":1,\"small\":2,\"number\":3,\"big\":4,\"ratio\":0.5,\"measure\":1.5,"
            + "\"str\":\"by hand\"}");

    AllTypesJson read = new AllTypesJsonRepository(rekord).findById(id).orElseThrow();

    assertEquals(id, read.id());
    assertEquals("by hand", read.text());
    assertEquals('q', read.letter());
    assertEquals(4L, read.big());
    assertEquals(1.5, read.measure());
    assertEquals(null, read.contact());
  }
}
