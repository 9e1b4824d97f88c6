package dev.rekord.examples.cities;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives each city a readable id: {@code <country>-<admin1>-<name>}, lower case, accents removed,
 * runs of other characters turned into one dash ({@code São Paulo, BR, 27} becomes {@code
 * br-27-sao-paulo}). The data has no ids of its own and ~2% of names repeat within a division, so
 * a repeat gets {@code -2}, {@code -3}, … in file order. Ids are stable for one version of the data.
 *
 * <p>Not thread-safe: one instance assigns the ids of one file.
 */
final class CityIds {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private final Set<String> assigned = new HashSet<>();

  /** A new, unique id for the city. */
  String next(String country, String admin1, String name) {
    String base = join(slug(country), slug(admin1), slug(name));
    String id = base;
    for (int n = 2; !assigned.add(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  static String slug(String text) {
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    String dashed = SEPARATORS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
    int start = dashed.startsWith("-") ? 1 : 0;
    int end = dashed.length() > start && dashed.endsWith("-") ? dashed.length() - 1 : dashed.length();
    return dashed.substring(start, end);
  }

  private static String join(String... parts) {
    StringBuilder id = new StringBuilder();
    for (String part : parts) {
      if (!part.isEmpty()) {
        id.append(id.length() == 0 ? "" : "-").append(part);
      }
    }
    return id.toString();
  }
}
