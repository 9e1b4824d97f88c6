package dev.rekord.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.SerializationException;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unparseable input fails with a message saying what was expected, and where. */
class ValueCodecsErrorTest {

  enum Color { RED, GREEN }

  record Point(int x, Integer y) {}

  /** A hand-written record codec, shaped like the generated ones. */
  static final RecordCodec<Point> POINT = new RecordCodec<>("Point") {
    @Override
    public void writeJson(JsonWriter json, Point value) throws IOException {
      json.beginObject();
      json.field("x", ValueCodecs.INT, value.x());
      json.field("y", ValueCodecs.INT, value.y());
      json.endObject();
    }

    @Override
    public Point readJson(JsonReader json) throws IOException {
      Integer x = null;
      Integer y = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "x" -> x = json.read(ValueCodecs.INT);
          case "y" -> y = json.read(ValueCodecs.INT);
          default -> json.skipValue();
        }
      }
      return new Point(json.required("x", x), y);
    }
  };

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "BOOLEAN | yes | expected true or false",
      "CHAR | ab | expected a single character",
      "CHAR | '' | expected a single character",
      "BYTE | 128 | expected a decimal integer from -128 to 127",
      "SHORT | -32769 | expected a decimal integer from -32768 to 32767",
      "INT | 2147483648 | expected a decimal integer from -2147483648 to 2147483647",
      "INT | 1.5 | expected a decimal integer",
      "LONG | 9223372036854775808 | expected a decimal integer",
      "LONG | '' | expected a decimal integer",
      "DOUBLE | one | expected a double",
      "FLOAT | '' | expected a float",
      "BIG_DECIMAL | 1,5 | expected a decimal number",
      "BIG_INTEGER | 1.5 | expected a decimal integer",
      "UUID | 1-1-1-1-1 | expected a UUID",
      "INSTANT | 2024-05-01 | expected an ISO-8601 instant",
      "LOCAL_DATE | 2024-02-30 | expected an ISO-8601 date",
      "LOCAL_DATE_TIME | 2024-05-01 | expected an ISO-8601 date-time",
      "LOCAL_TIME | 25:00 | expected an ISO-8601 time",
      "OFFSET_DATE_TIME | 2024-05-01T10:15 | expected an ISO-8601 date-time with offset",
      "OFFSET_DATE_TIME | 2024-05-01T10:15+19:00 | expected an ISO-8601 date-time with offset",
      "ZONED_DATE_TIME | 2024-05-01T10:15+01:00[Mars/Olympus] | expected an ISO-8601 date-time with offset and zone",
      "DURATION | 5 minutes | expected an ISO-8601 duration",
      "BYTES | not base64! | expected standard Base64",
      "FLOAT_VECTOR | not base64! | expected standard Base64 of FLOAT32 little-endian bytes",
      "FLOAT_VECTOR | AAA= | bytes, not a multiple of 4",
      "GEO_POINT | 10.75 | expected 'longitude,latitude'",
      "GEO_POINT | 10,20,30 | expected 'longitude,latitude'",
      "GEO_POINT | 200,10 | expected 'longitude,latitude'",
  })
  void textThatCannotBeParsedSaysWhatWasExpected(String codec, String text, String expected) throws Exception {
    ValueCodec<?> valueCodec = (ValueCodec<?>) ValueCodecs.class.getField(codec).get(null);
    HashReader hash = new HashReader("member:1", "Member", Map.of("f", text));
    DeserializationException e = assertThrows(DeserializationException.class, () -> hash.optional("f", valueCodec));
    assertEquals("member:1", e.key());
    assertEquals("Member", e.model());
    assertEquals("f", e.field());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("Cannot read Member.f from key 'member:1': "), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INT | 1.5 | expected a decimal integer",
      "INT | true | expected a decimal integer",
      "BYTE | 255 | expected a decimal integer from -128 to 127",
      "LONG | 9223372036854775808 | expected a decimal integer",
      "BOOLEAN | 1 | expected a JSON boolean",
      "DOUBLE | [] | expected a double",
      "FLOAT_VECTOR | {} | expected a JSON array of numbers",
      "FLOAT_VECTOR | [1, true] | expected a float",
      "STRING | 5 | expected a JSON string",
      "LOCAL_DATE | 20240501 | expected a JSON string holding an ISO-8601 date",
  })
  void jsonThatCannotBeParsedNamesTheMember(String codec, String json, String expected) throws Exception {
    @SuppressWarnings("unchecked")
    ValueCodec<Object> valueCodec = (ValueCodec<Object>) ValueCodecs.class.getField(codec).get(null);
    RecordCodec<Object> wrapper = new RecordCodec<>("Doc") {
      @Override
      public void writeJson(JsonWriter writer, Object value) {}

      @Override
      public Object readJson(JsonReader reader) throws IOException {
        Object value = null;
        reader.beginObject();
        while (reader.nextField()) {
          value = reader.read(valueCodec);
        }
        return value;
      }
    };
    DeserializationException e = assertThrows(DeserializationException.class,
        () -> JsonReader.fromText("doc:7", "Doc", "{\"v\":" + json + "}", wrapper));
    assertEquals("doc:7", e.key());
    assertEquals("v", e.field());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void unknownEnumConstantListsTheConstants() {
    HashReader hash = new HashReader("k", "M", Map.of("color", "BLUE"));
    DeserializationException e = assertThrows(DeserializationException.class,
        () -> hash.optional("color", ValueCodecs.ofEnum(Color.class)));
    assertTrue(e.getMessage().contains("expected a constant of Color: one of [RED, GREEN]"), e.getMessage());
  }

  @Test
  void errorInsideJsonTextOfAHashFieldNamesTheRealKeyAndTheFullPath() {
    ValueCodec<List<Point>> points = ValueCodecs.listOf(POINT);
    HashReader hash = new HashReader("shape:9", "Shape", Map.of("points", "[{\"x\":1},{\"x\":\"a\"}]"));
    DeserializationException e = assertThrows(DeserializationException.class, () -> hash.optional("points", points));
    assertEquals("shape:9", e.key());
    assertEquals("Shape", e.model());
    assertEquals("points.x", e.field());
    assertTrue(e.getMessage().startsWith("Cannot read Shape.points.x from key 'shape:9': "), e.getMessage());
    assertTrue(e.getMessage().contains("expected a decimal integer"), e.getMessage());
  }

  @Test
  void missingMemberOfARecordInAHashFieldNamesTheFullPath() {
    HashReader hash = new HashReader("shape:9", "Shape", Map.of("corner", "{\"y\":2}"));
    DeserializationException e = assertThrows(DeserializationException.class, () -> hash.optional("corner", POINT));
    assertEquals("shape:9", e.key());
    assertEquals("corner.x", e.field());
    assertEquals("the member is missing", e.problem());
  }

  @Test
  void malformedJsonTextInAHashFieldNamesTheField() {
    HashReader hash = new HashReader("shape:9", "Shape", Map.of("tags", "[\"a\","));
    DeserializationException e = assertThrows(DeserializationException.class,
        () -> hash.optional("tags", ValueCodecs.listOf(ValueCodecs.STRING)));
    assertEquals("shape:9", e.key());
    assertEquals("tags", e.field());
    assertTrue(e.getMessage().contains("end-of-input"), e.getMessage());
  }

  @Test
  void jsonOfTheWrongShapeInAHashFieldSaysWhatWasExpected() {
    HashReader hash = new HashReader("k", "M", Map.of("tags", "{}", "scores", "[]"));
    DeserializationException list = assertThrows(DeserializationException.class,
        () -> hash.optional("tags", ValueCodecs.listOf(ValueCodecs.STRING)));
    assertTrue(list.getMessage().contains("expected a JSON array"), list.getMessage());
    DeserializationException map = assertThrows(DeserializationException.class,
        () -> hash.optional("scores", ValueCodecs.mapOf(ValueCodecs.INT)));
    assertTrue(map.getMessage().contains("expected a JSON object"), map.getMessage());
  }

  @Test
  void requiredFieldThatIsAbsentIsAnError() {
    HashReader hash = new HashReader("k", "M", Map.of());
    DeserializationException e = assertThrows(DeserializationException.class, () -> hash.required("age", ValueCodecs.INT));
    assertEquals("age", e.field());
    assertEquals("the field is missing", e.problem());
  }

  @Test
  void nullMapKeyCannotBeWrittenAndTheErrorNamesModelAndField() {
    Map<String, Integer> scores = new HashMap<>();
    scores.put(null, 1);
    HashWriter hash = new HashWriter("Member", 1);
    SerializationException e = assertThrows(SerializationException.class,
        () -> hash.put("scores", ValueCodecs.mapOf(ValueCodecs.INT), scores));
    assertEquals("Member", e.model());
    assertEquals("scores", e.field());
    assertTrue(e.getMessage().contains("map key is null"), e.getMessage());
  }

  @Test
  void listsKeepNullElementsInBothForms() {
    ValueCodec<List<Integer>> codec = ValueCodecs.listOf(ValueCodecs.INT);
    assertEquals(Arrays.asList(1, null, 3), codec.fromText("[1,null,3]"));
  }
}
