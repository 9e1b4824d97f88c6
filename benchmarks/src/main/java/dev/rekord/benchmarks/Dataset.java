package dev.rekord.benchmarks;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deterministic documents: member {@code i} is the same in every run and for both sides. 200
 * cities, 20 countries, ages 18..79, all uniform, so a city holds 1/200 of the documents.
 */
final class Dataset {
  static final int CITIES = 200;
  static final int COUNTRIES = 20;
  static final int MIN_AGE = 18;
  static final int AGES = 62;

  private Dataset() {}

  static String city(int n) {
    return "city-" + (n % CITIES);
  }

  static String country(int n) {
    return "country-" + (n % COUNTRIES);
  }

  static Member member(String id, long i) {
    long h = mix(i);
    return new Member(
        id,
        city((int) Long.remainderUnsigned(h, CITIES)),
        country((int) Long.remainderUnsigned(h >>> 16, COUNTRIES)),
        MIN_AGE + (int) Long.remainderUnsigned(h >>> 32, AGES),
        "Member Name " + i,
        "member" + i + "@example.com",
        LocalDate.of(2000, 1, 1).plusDays(Long.remainderUnsigned(h >>> 8, 9000)),
        Long.remainderUnsigned(h >>> 24, 1_000_000));
  }

  /** The same document as the hash a team would write by hand (same field names and forms). */
  static Map<String, String> hash(Member m) {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("id", m.id());
    hash.put("city", m.city());
    hash.put("country", m.country());
    hash.put("age", Integer.toString(m.age()));
    hash.put("name", m.name());
    hash.put("email", m.email());
    hash.put("joinDate", m.joinDate().toString());
    hash.put("points", Long.toString(m.points()));
    return hash;
  }

  static Member fromHash(Map<String, String> hash) {
    return new Member(hash.get("id"), hash.get("city"), hash.get("country"),
        Integer.parseInt(hash.get("age")), hash.get("name"), hash.get("email"),
        LocalDate.parse(hash.get("joinDate")), Long.parseLong(hash.get("points")));
  }

  /** SplitMix64: cheap, well-spread, deterministic. */
  static long mix(long x) {
    long z = x + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
