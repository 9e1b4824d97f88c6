package dev.rekord.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rekord.exception.DeserializationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads one JSON document with Jackson's streaming API. Keeps the path of the member being read,
 * so every failure is a {@link DeserializationException} naming the key, the model and the field
 * ({@code address.city}).
 *
 * <p>Generated record codecs read an object like this:
 *
 * <pre>{@code
 * reader.beginObject();
 * while (reader.nextField()) {
 *   switch (reader.fieldName()) {
 *     case "city" -> city = reader.read(ValueCodecs.STRING);
 *     default -> reader.skipValue();
 *   }
 * }
 * return new Address(reader.required("city", city));
 * }</pre>
 */
public final class JsonReader {

  private final String key;
  private final String model;
  private final JsonParser parser;
  /** Member names from the document root to the member being read. */
  private final List<String> path = new ArrayList<>();

  private JsonReader(String key, String model, JsonParser parser) {
    this.key = key;
    this.model = model;
    this.parser = parser;
  }

  /**
   * Parses {@code json} with {@code codec}.
   *
   * @param key the Redis key (or another name for where the text came from), named in errors
   * @throws DeserializationException when the text is not what the codec reads
   */
  public static <T> T fromText(String key, String model, String json, ValueCodec<T> codec) {
    try (JsonParser parser = JsonWriter.FACTORY.createParser(json)) {
      JsonReader reader = new JsonReader(key, model, parser);
      JsonToken first = parser.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        throw reader.error("the document is empty");
      }
      T value = reader.readCurrent(codec);
      if (parser.nextToken() != null) {
        throw reader.error("unexpected content after the document");
      }
      return value;
    } catch (DeserializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DeserializationException(key, model, null, "malformed JSON: " + e.getMessage(), e);
    }
  }

  /** The underlying parser, for codecs that read arrays, numbers and strings. */
  public JsonParser parser() {
    return parser;
  }

  /** Checks that the current token starts an object. */
  public void beginObject() {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw error("expected a JSON object but found " + parser.currentToken());
    }
    path.add("");
  }

  /**
   * Advances to the next member of the current object; {@code false} at its end (after which the
   * path is back at the object's own member).
   */
  public boolean nextField() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.FIELD_NAME) {
      path.set(path.size() - 1, parser.currentName());
      return true;
    }
    if (token == JsonToken.END_OBJECT) {
      path.remove(path.size() - 1);
      return false;
    }
    throw error("expected a member name but found " + token);
  }

  /** The name of the current member. */
  public String fieldName() throws IOException {
    return parser.currentName();
  }

  /** Reads the current member's value with {@code codec}; JSON {@code null} reads as {@code null}. */
  public <T> T read(ValueCodec<T> codec) throws IOException {
    parser.nextToken();
    return readCurrent(codec);
  }

  /**
   * Reads the value at the current token with {@code codec} (for codecs of arrays and maps, whose
   * elements have no member name); JSON {@code null} reads as {@code null}.
   */
  public <T> T readCurrent(ValueCodec<T> codec) {
    if (parser.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return codec.readJson(this);
    } catch (DeserializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw error("cannot parse the value: " + e.getMessage(), e);
    }
  }

  /** Skips the current member's value (members the model does not know). */
  public void skipValue() throws IOException {
    parser.nextToken();
    parser.skipChildren();
  }

  /**
   * Returns {@code value}, or fails when it is {@code null}: for members that must be present
   * (primitives, the id). Call after the object's last {@link #nextField()}.
   */
  public <T> T required(String field, T value) {
    if (value == null) {
      throw new DeserializationException(key, model, pathTo(field), "the member is missing", null);
    }
    return value;
  }

  /** An error about the member being read. */
  public DeserializationException error(String problem) {
    return error(problem, null);
  }

  private DeserializationException error(String problem, Throwable cause) {
    return new DeserializationException(key, model, currentPath(), problem, cause);
  }

  private String pathTo(String field) {
    String parent = currentPath();
    return parent == null ? field : parent + "." + field;
  }

  /**
   * The dotted path of the member being read, or {@code null} at the document root. An object
   * whose first member name has not been read yet contributes an empty segment, which is skipped.
   */
  private String currentPath() {
    StringJoiner joined = new StringJoiner(".");
    for (String segment : path) {
      if (!segment.isEmpty()) {
        joined.add(segment);
      }
    }
    return joined.length() == 0 ? null : joined.toString();
  }
}
