package dev.rekord.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rekord.exception.SerializationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cache keys of generated {@code @Cached} decorators: the method's name, a colon and the
 * arguments as a canonical JSON array — {@code profile:["ada",3]}. Canonical: map entries sorted by
 * key, record components by name, java.time values as ISO-8601 text, enums by name; so equal
 * arguments give equal keys in every process and release of the same types. A key longer than
 * {@value #LONGEST} characters is replaced by {@code method:#} and the SHA-256 of its JSON, in hex.
 */
public final class CacheKey {

  /** The longest key kept as it is; longer ones are hashed. */
  public static final int LONGEST = 200;

  private static final ObjectWriter CANONICAL = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST) // records too: by name, not declaration order
      .build()
      .writer();

  private CacheKey() {}

  /** The key of {@code method} called with {@code arguments}. */
  public static String of(String method, Object... arguments) {
    String json;
    try {
      json = CANONICAL.writeValueAsString(arguments);
    } catch (JsonProcessingException e) {
      throw new SerializationException(method, null, "cannot encode the arguments as a cache key: " + e.getOriginalMessage(), e);
    }
    String key = method + ":" + json;
    return key.length() <= LONGEST ? key : method + ":#" + sha256(json);
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
