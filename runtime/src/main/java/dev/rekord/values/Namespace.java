package dev.rekord.values;

import java.util.Objects;

/**
 * A prefix put before every key the toolkit touches, so that several applications (or tenants)
 * share one Redis without their keys meeting: the namespace {@code billing} turns the key {@code
 * user:1} into {@code billing:user:1}. {@link #NONE} leaves keys as given. Key listings ({@link
 * Values#scan}) match inside the namespace and return keys without it.
 *
 * @param prefix what is put before each key: the name and a colon, or empty for {@link #NONE}
 */
public record Namespace(String prefix) {

  /** No namespace: keys are used as given. */
  public static final Namespace NONE = new Namespace("");

  public Namespace {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      // A hash tag in the prefix would put every key of the namespace in one cluster slot.
      throw new IllegalArgumentException("a namespace must not contain '{' or '}': " + prefix);
    }
  }

  /**
   * The namespace {@code name}: keys become {@code name:key}; an empty name is {@link #NONE}.
   *
   * @throws IllegalArgumentException when the name contains a brace (a cluster hash tag)
   */
  public static Namespace of(String name) {
    return name.isEmpty() ? NONE : new Namespace(name + ":");
  }

  /** The Redis key of {@code key} in this namespace. */
  public String key(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a key must not be empty");
    }
    return prefix.isEmpty() ? key : prefix + key;
  }

  /** {@code redisKey} without this namespace's prefix. */
  public String strip(String redisKey) {
    return redisKey.startsWith(prefix) ? redisKey.substring(prefix.length()) : redisKey;
  }

  /** The glob matching {@code pattern} inside this namespace: the prefix with its glob characters escaped. */
  public String glob(String pattern) {
    StringBuilder glob = new StringBuilder(prefix.length() + pattern.length() + 4);
    for (int i = 0; i < prefix.length(); i++) {
      char c = prefix.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        glob.append('\\');
      }
      glob.append(c);
    }
    return glob.append(pattern).toString();
  }

  @Override
  public String toString() {
    return prefix.isEmpty() ? "Namespace.NONE" : "Namespace[" + prefix + "]";
  }
}
