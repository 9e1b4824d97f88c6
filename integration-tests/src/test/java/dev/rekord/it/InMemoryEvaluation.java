package dev.rekord.it;

import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.In;
import dev.rekord.query.Not;
import dev.rekord.query.NullCheck;
import dev.rekord.query.Or;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import dev.rekord.query.StartsWith;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * The documented query semantics, evaluated over records in memory for the differential tests:
 * comparisons never match nulls, {@code ne} and {@code not} do; case-insensitive tags fold to lower
 * case; numbers compare as doubles, dates as epoch days, instants in epoch microseconds rounded
 * down; sorts put nulls last, compare strings byte-wise (UTF-8) and break ties by id, descending
 * when the last sort key is.
 *
 * @param <D> the record
 */
final class InMemoryEvaluation<D> {

  private final Function<D, String> id;
  private final BiFunction<String, D, Object> value;
  private final BiPredicate<Condition<?>, D> others;

  /**
   * @param id the record's id
   * @param value the value of a field path of a record: a single value, a list (multi-valued
   *     fields), or {@code null}
   * @param others whether a record matches a condition this class does not know (text, geo, …)
   */
  InMemoryEvaluation(Function<D, String> id, BiFunction<String, D, Object> value, BiPredicate<Condition<?>, D> others) {
    this.id = id;
    this.value = value;
    this.others = others;
  }

  /** The ids of the matches in {@code sort} order, from {@code offset}, at most {@code limit} ({@code -1}: all). */
  <R> List<String> expected(Collection<D> records, Condition<R> condition, List<Sort<R>> sort, long offset, long limit) {
    List<D> matches = new ArrayList<>(records.stream().filter(d -> condition == null || matches(condition, d)).toList());
    Comparator<D> order = (a, b) -> 0;
    for (Sort<R> key : sort) {
      String path = key.field().path();
      boolean caseSensitive = key.field().index().caseSensitive();
      Comparator<D> byKey = (a, b) -> {
        Object x = sortValue(path, caseSensitive, a);
        Object y = sortValue(path, caseSensitive, b);
        if (x == null || y == null) {
          return x == null ? (y == null ? 0 : 1) : -1; // nulls last in both directions
        }
        int c = x instanceof String s ? compareUtf8(s, (String) y) : compareScores((Double) x, (Double) y);
        return key.descending() ? -c : c;
      };
      order = order.thenComparing(byKey);
    }
    boolean lastDescending = !sort.isEmpty() && sort.get(sort.size() - 1).descending();
    Comparator<D> byId = (a, b) -> compareUtf8(id.apply(a), id.apply(b));
    matches.sort(order.thenComparing(lastDescending ? byId.reversed() : byId));
    return matches.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).map(id).toList();
  }

  /** How many records match. */
  long count(Collection<D> records, Condition<?> condition) {
    return records.stream().filter(d -> condition == null || matches(condition, d)).count();
  }

  boolean matches(Condition<?> condition, D record) {
    if (condition instanceof Comparison<?> c) {
      Object v = value.apply(c.field().path(), record);
      return switch (c.operator()) {
        case EQ -> equal(c.field(), v, c.value());
        case NE -> !equal(c.field(), v, c.value());
        case GT -> v != null && score(v) > score(c.value());
        case GTE -> v != null && score(v) >= score(c.value());
        case LT -> v != null && score(v) < score(c.value());
        case LTE -> v != null && score(v) <= score(c.value());
      };
    }
    if (condition instanceof In<?> in) {
      Object v = value.apply(in.field().path(), record);
      return in.values().stream().anyMatch(wanted -> equal(in.field(), v, wanted));
    }
    if (condition instanceof Range<?> range) {
      Object v = value.apply(range.field().path(), record);
      if (v == null) {
        return false;
      }
      double s = score(v);
      boolean aboveLower = range.lower() == null
          || (range.lowerInclusive() ? s >= score(range.lower()) : s > score(range.lower()));
      boolean belowUpper = range.upper() == null
          || (range.upperInclusive() ? s <= score(range.upper()) : s < score(range.upper()));
      return aboveLower && belowUpper;
    }
    if (condition instanceof StartsWith<?> startsWith) {
      Object v = value.apply(startsWith.field().path(), record);
      boolean caseSensitive = startsWith.field().index().caseSensitive();
      return v != null && fold((String) v, caseSensitive).startsWith(fold(startsWith.prefix(), caseSensitive));
    }
    if (condition instanceof NullCheck<?> check) {
      return (value.apply(check.field().path(), record) == null) == check.isNull();
    }
    if (condition instanceof And<?> and) {
      return and.conditions().stream().allMatch(c -> matches(c, record));
    }
    if (condition instanceof Or<?> or) {
      return or.conditions().stream().anyMatch(c -> matches(c, record));
    }
    if (condition instanceof Not<?> not) {
      return !matches(not.condition(), record);
    }
    return others.test(condition, record);
  }

  /** Equal as the index compares: strings folded as the field is, enums by name, numbers by score. */
  static boolean equal(IndexedAttribute<?, ?> field, Object value, Object wanted) {
    if (value == null) {
      return false;
    }
    if (value instanceof String s) {
      boolean caseSensitive = field.index().caseSensitive();
      return fold(s, caseSensitive).equals(fold((String) wanted, caseSensitive));
    }
    if (value instanceof Enum<?> constant) {
      return constant == wanted;
    }
    return score(value) == score(wanted);
  }

  static String fold(String value, boolean caseSensitive) {
    return caseSensitive ? value : value.toLowerCase(Locale.ROOT);
  }

  /** Numbers as doubles; dates as epoch days; instants in epoch microseconds, rounded down. */
  static double score(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof LocalDate d) {
      return d.toEpochDay();
    }
    Instant i = (Instant) value;
    return i.getEpochSecond() * 1e6 + Math.floorDiv(i.getNano(), 1000);
  }

  private Object sortValue(String path, boolean caseSensitive, D record) {
    Object v = value.apply(path, record);
    if (v instanceof String s) {
      return fold(s, caseSensitive);
    }
    return v == null ? null : score(v);
  }

  /** Scores compare as numbers: -0.0 equals 0.0. */
  private static int compareScores(double x, double y) {
    return x < y ? -1 : x > y ? 1 : 0;
  }

  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
