package dev.rekord.internal.update;

import dev.rekord.internal.engine.portable.IndexEncoding;
import dev.rekord.model.IndexKind;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.In;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.Not;
import dev.rekord.query.NullCheck;
import dev.rekord.query.Or;
import dev.rekord.query.Range;
import dev.rekord.query.StartsWith;
import dev.rekord.update.FieldValues;
import java.util.Collection;
import java.util.List;

/**
 * Whether one stored document matches a condition of {@code updateIf}, decided on its fields as
 * the index compares them ({@link IndexEncoding}): tags by their folded text, numbers, dates and
 * times by their scores; a comparison never matches a {@code null}, {@code ne} and {@code not} do.
 * Full-text and geo conditions are not supported here.
 */
final class StoredConditions {
  private StoredConditions() {}

  static <R> boolean matches(Condition<R> condition, FieldValues<R> document) {
    if (condition instanceof And<R> and) {
      return and.conditions().stream().allMatch(c -> matches(c, document));
    }
    if (condition instanceof Or<R> or) {
      return or.conditions().stream().anyMatch(c -> matches(c, document));
    }
    if (condition instanceof Not<R> not) {
      return !matches(not.condition(), document);
    }
    if (condition instanceof NullCheck<R> check) {
      return (document.get(check.field()) == null) == check.isNull();
    }
    if (condition instanceof Comparison<R> c) {
      Object value = document.get(c.field());
      return switch (c.operator()) {
        case EQ -> equal(c.field(), value, c.value());
        case NE -> !equal(c.field(), value, c.value());
        case GT -> value != null && score(value) > IndexEncoding.bound(c.value());
        case GTE -> value != null && score(value) >= IndexEncoding.bound(c.value());
        case LT -> value != null && score(value) < IndexEncoding.bound(c.value());
        case LTE -> value != null && score(value) <= IndexEncoding.bound(c.value());
      };
    }
    if (condition instanceof In<R> in) {
      Object value = document.get(in.field());
      return in.values().stream().anyMatch(wanted -> equal(in.field(), value, wanted));
    }
    if (condition instanceof Range<R> range) {
      Object value = document.get(range.field());
      if (value == null) {
        return false;
      }
      double score = score(value);
      return (range.lower() == null || (range.lowerInclusive() ? score >= IndexEncoding.bound(range.lower())
              : score > IndexEncoding.bound(range.lower())))
          && (range.upper() == null || (range.upperInclusive() ? score <= IndexEncoding.bound(range.upper())
              : score < IndexEncoding.bound(range.upper())));
    }
    if (condition instanceof StartsWith<R> startsWith) {
      Object value = document.get(startsWith.field());
      boolean caseSensitive = startsWith.field().index().caseSensitive();
      return value != null && IndexEncoding.fold(IndexEncoding.tag(value), caseSensitive)
          .startsWith(IndexEncoding.fold(startsWith.prefix(), caseSensitive));
    }
    if (condition instanceof Contains<R> contains) {
      Object value = document.get(contains.field());
      if (value == null) {
        return false;
      }
      Collection<?> elements = value instanceof Collection<?> many ? many : List.of(value);
      java.util.function.Predicate<Object> held =
          wanted -> elements.stream().anyMatch(e -> equal(contains.field(), e, wanted));
      return contains.all() ? contains.values().stream().allMatch(held) : contains.values().stream().anyMatch(held);
    }
    throw new IllegalArgumentException("updateIf cannot check " + condition.getClass().getSimpleName()
        + " conditions (full-text and geo): use comparisons, ranges, tags, null checks and and/or/not");
  }

  /** Equal as the index compares: tags by folded text, numeric fields by score. */
  private static boolean equal(IndexedAttribute<?, ?> field, Object value, Object wanted) {
    if (value == null || wanted == null) {
      return false;
    }
    if (field.index().kind() == IndexKind.NUMERIC) {
      return score(value) == IndexEncoding.bound(wanted);
    }
    boolean caseSensitive = field.index().caseSensitive();
    return IndexEncoding.fold(IndexEncoding.tag(value), caseSensitive)
        .equals(IndexEncoding.fold(IndexEncoding.tag(wanted), caseSensitive));
  }

  private static double score(Object value) {
    return IndexEncoding.bound(value);
  }
}
