package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.exception.DeserializationException;
import dev.rekord.Rekord;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.AllTypesHashRepository;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.BatchRead;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.RedisClient;

/**
 * Documents that do not match their model fail with a {@link DeserializationException} naming the
 * key, the model and the field, never with a wrong object.
 */
class MismatchedDocumentTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final UUID JSON_ID = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
  private static final String JSON_KEY = "{all-types-json}:" + JSON_ID;
  /** The members an AllTypesJson document must have: the id and the primitives. */
  private static final List<String> REQUIRED_JSON_MEMBERS =
      List.of(
          "\"id\":\"" + JSON_ID + "\"",
          "\"flag\":true",
          "\"letter\":\"q\"",
          "\"tiny\":1",
          "\"small\":2",
          "\"number\":3",
          "\"big\":4",
          "\"ratio\":0.5",
          "\"measure\":1.5");

  private Rekord rekord;
  private RedisClient raw;
  private MemberRepository members;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    raw = RedisClient.create(redis.server().host(), redis.server().port());
    members = new MemberRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
  }

  @ParameterizedTest(name = "member hash with {0} = {1}")
  @MethodSource("badMemberFields")
  void aMemberHashFieldThatCannotBeParsed(String field, String storedText) {
    saveValidMember();
    raw.hset("{member}:m1", field, storedText);

    assertFailsOn("{member}:m1", "Member", field, () -> members.findById("m1"));
  }

  static Stream<Arguments> badMemberFields() {
    return Stream.of(
        Arguments.of("joinDate", "2024-13-45"),
        Arguments.of("joinDate", "15.01.2024"),
        Arguments.of("age", "forty"),
        Arguments.of("age", "2147483648"),
        Arguments.of("age", "4.5"),
        Arguments.of("age", ""),
        Arguments.of("tags", "[\"java\","),
        Arguments.of("tags", "{\"not\":\"a list\"}"),
        Arguments.of("tags", "java,redis"),
        Arguments.of("address.location", "north"),
        Arguments.of("address.location", "200.0,10.0"));
  }

  @ParameterizedTest(name = "member hash without {0}")
  @MethodSource("requiredMemberFields")
  void aMemberHashMissingARequiredField(String field) {
    saveValidMember();
    raw.hdel("{member}:m1", field);

    assertFailsOn("{member}:m1", "Member", field, () -> members.findById("m1"));
  }

  static Stream<String> requiredMemberFields() {
    return Stream.of("age", "id");
  }

  @ParameterizedTest(name = "all-types hash with {0} = {1}")
  @MethodSource("badAllTypesFields")
  void anAllTypesHashFieldThatCannotBeParsed(String field, String storedText) {
    new AllTypesHashRepository(rekord).save(new AllTypesValues().toHash("h1"));
    raw.hset("{all-types-hash}:h1", field, storedText);

    assertFailsOn(
        "{all-types-hash}:h1",
        "AllTypesHash",
        field,
        () -> new AllTypesHashRepository(rekord).findById("h1"));
  }

  static Stream<Arguments> badAllTypesFields() {
    return Stream.of(
        Arguments.of("flag", "yes"),
        Arguments.of("letter", "xy"),
        Arguments.of("tiny", "128"),
        Arguments.of("boxedSmall", "40000"),
        Arguments.of("big", "9223372036854775808"),
        Arguments.of("ratio", "one half"),
        Arguments.of("color", "PURPLE"),
        Arguments.of("amount", "12,50"),
        Arguments.of("huge", "1e3x"),
        Arguments.of("reference", "not-a-uuid"),
        Arguments.of("instant", "2024-03-01 12:00"),
        Arguments.of("time", "25:00"),
        Arguments.of("offsetDateTime", "2024-03-01T12:00"),
        Arguments.of("zonedDateTime", "2024-03-01T12:00+01:00[Mars/Olympus]"),
        Arguments.of("duration", "90 minutes"),
        Arguments.of("bytes", "not base64!"),
        Arguments.of("point", "10.75"),
        Arguments.of("contact.address.location", "north"),
        Arguments.of("numbers", "[1,\"two\"]"),
        Arguments.of("palette", "[\"RED\",\"PURPLE\"]"),
        Arguments.of("places", "[{\"name\":\"Oslo\"}"),
        Arguments.of("counters", "{\"visits\":\"many\"}"));
  }

  @Test
  void aBadMemberOfARecordInsideAListIsNamedByItsPath() {
    new AllTypesHashRepository(rekord).save(new AllTypesValues().toHash("h1"));
    raw.hset("{all-types-hash}:h1", "places", "[{\"name\":\"Oslo\"},{\"visited\":\"someday\"}]");

    assertFailsOn(
        "{all-types-hash}:h1",
        "AllTypesHash",
        "places.visited",
        () -> new AllTypesHashRepository(rekord).findById("h1"));
  }

  @Test
  void aBadMemberOfARecordInsideAJsonArrayIsNamedByItsPath() {
    List<String> members = new ArrayList<>(REQUIRED_JSON_MEMBERS);
    members.add("\"places\":[null,{\"color\":\"PURPLE\"}]");
    raw.set(JSON_KEY, jsonObject(members));

    assertFailsOn(JSON_KEY, "AllTypesJson", "places.color", this::findJsonDocument);
  }

  @Test
  void anAllTypesHashMissingAPrimitive() {
    new AllTypesHashRepository(rekord).save(new AllTypesValues().toHash("h1"));
    raw.hdel("{all-types-hash}:h1", "tiny");

    assertFailsOn(
        "{all-types-hash}:h1",
        "AllTypesHash",
        "tiny",
        () -> new AllTypesHashRepository(rekord).findById("h1"));
  }

  @Test
  void aHashModelKeyOfTheWrongRedisType() {
    raw.lpush("{member}:m1", "a", "list");

    DeserializationException failure =
        assertFailsOn("{member}:m1", "Member", null, () -> members.findById("m1"));
    assertTrue(failure.getMessage().contains("{member}:m1"), failure.getMessage());
  }

  @Test
  void aJsonModelKeyOfTheWrongRedisType() {
    raw.hset(JSON_KEY, "id", JSON_ID.toString());

    assertFailsOn(JSON_KEY, "AllTypesJson", null, this::findJsonDocument);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedJsonDocuments")
  void aMalformedJsonDocument(String document) {
    raw.set(JSON_KEY, document);

    assertFailsOn(JSON_KEY, "AllTypesJson", null, this::findJsonDocument);
  }

  static Stream<String> malformedJsonDocuments() {
    return Stream.of(
        "{not json",
        "",
        "[1,2]",
        "\"a string\"",
        "42",
        "null",
        jsonObject(REQUIRED_JSON_MEMBERS) + " trailing",
        jsonObject(REQUIRED_JSON_MEMBERS) + "{}");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badJsonMembers")
  void aJsonMemberThatCannotBeParsed(String field, String member) {
    List<String> members = new ArrayList<>(REQUIRED_JSON_MEMBERS);
    members.add(member);
    raw.set(JSON_KEY, jsonObject(members));

    assertFailsOn(JSON_KEY, "AllTypesJson", field, this::findJsonDocument);
  }

  static Stream<Arguments> badJsonMembers() {
    return Stream.of(
        Arguments.of("boxedNumber", "\"boxedNumber\":\"abc\""),
        Arguments.of("boxedNumber", "\"boxedNumber\":1.5"),
        Arguments.of("boxedFlag", "\"boxedFlag\":\"maybe\""),
        Arguments.of("date", "\"date\":\"yesterday\""),
        Arguments.of("date", "\"date\":20240101"),
        Arguments.of("str", "\"str\":{\"an\":\"object\"}"),
        Arguments.of("strings", "\"strings\":\"not an array\""),
        Arguments.of("counters", "\"counters\":[1,2]"),
        Arguments.of("contact", "\"contact\":\"not an object\""),
        Arguments.of(
            "contact.address.location", "\"contact\":{\"address\":{\"location\":\"north\"}}"));
  }

  @Test
  void aJsonDocumentMissingAPrimitive() {
    List<String> members = new ArrayList<>(REQUIRED_JSON_MEMBERS);
    members.remove("\"tiny\":1");
    raw.set(JSON_KEY, jsonObject(members));

    assertFailsOn(JSON_KEY, "AllTypesJson", "tiny", this::findJsonDocument);
  }

  @Test
  void theMinimalJsonDocumentIsValid() {
    raw.set(JSON_KEY, jsonObject(REQUIRED_JSON_MEMBERS));

    assertEquals(3, findJsonDocument().number(), "the baseline of the failing cases reads");
  }

  @Test
  void aKeyOfTheWrongTypeInABatchIsAFailureOfItsOwn() {
    saveValidMember();
    raw.lpush("{member}:m2", "a list");

    BatchRead<String, Member> read = members.findAllById(List.of("m1", "m2"));

    assertEquals(List.of("m1"), List.copyOf(read.found().keySet()));
    assertEquals(List.of("m2"), List.copyOf(read.failures().keySet()));
    assertEquals("{member}:m2", read.failures().get("m2").key());
    assertNull(read.failures().get("m2").field());
    assertThrows(DeserializationException.class, read::valuesOrThrow);
  }

  @Test
  void aMalformedJsonDocumentInABatchIsAFailureOfItsOwn() {
    AllTypesJsonRepository repository = new AllTypesJsonRepository(rekord);
    UUID good = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8001");
    AllTypesJson saved = repository.save(new AllTypesValues().toJson(good));
    raw.set(JSON_KEY, "{\"id\":");

    BatchRead<UUID, AllTypesJson> read = repository.findAllById(List.of(JSON_ID, good));

    assertEquals(List.of(good), List.copyOf(read.found().keySet()));
    RecordAssertions.assertSameComponents(saved, read.found().get(good));
    assertEquals(List.of(JSON_ID), List.copyOf(read.failures().keySet()));
    assertEquals(JSON_KEY, read.failures().get(JSON_ID).key());
    assertEquals("AllTypesJson", read.failures().get(JSON_ID).model());
    assertEquals(List.of(), read.missing());
  }

  private void saveValidMember() {
    members.save(
        new Member(
            "m1",
            "Oslo",
            LocalDate.of(2024, 1, 15),
            42,
            List.of("java"),
            new Address("Storgata 1", "Oslo", null)));
  }

  private AllTypesJson findJsonDocument() {
    return new AllTypesJsonRepository(rekord).findById(JSON_ID).orElseThrow();
  }

  private static String jsonObject(List<String> members) {
    return "{" + String.join(",", members) + "}";
  }

  private static DeserializationException assertFailsOn(
      String key, String model, String field, Runnable read) {
    DeserializationException failure = assertThrows(DeserializationException.class, read::run);
    assertEquals(
        Map.of("key", key, "model", model, "field", String.valueOf(field)),
        Map.of(
            "key", String.valueOf(failure.key()),
            "model", String.valueOf(failure.model()),
            "field", String.valueOf(failure.field())),
        failure.getMessage());
    return failure;
  }
}
