package dev.rekord.internal.instrument;

import dev.rekord.internal.schema.SchemaRecord;
import dev.rekord.model.RekordModel;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Which model a key belongs to, for tags: the model whose key prefix is the key's hash tag ({@code
 * {member}:ada}, {@code {member:3}:#city}). Only models Rekord knows (registered, or used through a
 * repository) are named; every other key is {@value #NONE}, so user keys never become tag values.
 * Thread-safe.
 */
public final class ModelNames {

  /** The model tag of a key that belongs to no known model. */
  public static final String NONE = "none";

  /** Where a model's schema record lives: {@code rekord:schema:<prefix>}. */
  private static final String SCHEMA_KEYS = SchemaRecord.key("");

  private final ConcurrentMap<String, String> byPrefix = new ConcurrentHashMap<>();

  public ModelNames(List<RekordModel<?, ?>> models) {
    models.forEach(this::add);
  }

  public void add(RekordModel<?, ?> model) {
    byPrefix.putIfAbsent(model.keyPrefix(), model.name());
  }

  /** The model of the first of {@code keys}, or {@value #NONE}. */
  public String of(List<String> keys) {
    return keys.isEmpty() ? NONE : of(keys.get(0));
  }

  public String of(String key) {
    if (key.startsWith(SCHEMA_KEYS)) {
      return byPrefix.getOrDefault(key.substring(SCHEMA_KEYS.length()), NONE);
    }
    int open = key.indexOf('{');
    int close = open < 0 ? -1 : key.indexOf('}', open + 1);
    if (close < 0) {
      return NONE;
    }
    String tag = key.substring(open + 1, close);
    String name = byPrefix.get(tag);
    if (name != null) {
      return name;
    }
    int colon = tag.lastIndexOf(':');
    if (colon > 0 && isDigits(tag, colon + 1)) {
      name = byPrefix.get(tag.substring(0, colon)); // a bucket: {prefix:b}
    }
    return name != null ? name : NONE;
  }

  private static boolean isDigits(String text, int from) {
    if (from >= text.length()) {
      return false;
    }
    for (int i = from; i < text.length(); i++) {
      if (!Character.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
