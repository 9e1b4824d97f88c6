package dev.rekord.internal.engine.portable;

import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexField;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import java.util.ArrayList;
import java.util.List;

/**
 * A query rewritten for a compound index, decided before the plan is compiled ({@link
 * QueryPlan}): in the conjunction at the root of the condition (nested {@code and}s flattened), an
 * {@code eq} on every tag of the compound index, with either a range on its number ({@code gt},
 * {@code gte}, {@code lt}, {@code lte}, {@code eq}, {@code between}; several are intersected) or a
 * sort whose first key is the number, become one range of the sorted set of those tag values,
 * and that sort key walks the same sorted set. Every other conjunct stays, and is probed.
 *
 * <p>The rewrite matches exactly the same documents: a document is in the sorted set of its tag
 * values exactly when none of the compound's fields is null, which the {@code eq}s and the range
 * imply. A sort alone does not imply a value of the number, so without a range the rewrite needs a
 * number that cannot be null ({@link CompoundIndex#numberNullable()}). {@code in}, {@code ne} and
 * conditions under {@code or} or {@code not} are never rewritten.
 *
 * <p>When several compound indexes fit, the one with the most tags wins, then one with a range,
 * then one the sort uses; on a tie, the first declared.
 *
 * @param <R> the model
 */
final class CompoundRewrite<R> {

  private final CompoundIndex index;
  private final List<String> tagValues;
  private final String min;
  private final String max;
  private final List<Condition<R>> rest;
  private final boolean sorted;

  private CompoundRewrite(CompoundIndex index, List<String> tagValues, String min, String max,
      List<Condition<R>> rest, boolean sorted) {
    this.index = index;
    this.tagValues = List.copyOf(tagValues);
    this.min = min;
    this.max = max;
    this.rest = List.copyOf(rest);
    this.sorted = sorted;
  }

  /** The rewrite of the query for the best fitting of {@code compounds}, or {@code null} when none fits. */
  static <R> CompoundRewrite<R> find(List<CompoundIndex> compounds, Condition<R> condition, List<Sort<R>> sort) {
    if (compounds.isEmpty() || condition == null) {
      return null;
    }
    List<Condition<R>> conjuncts = new ArrayList<>();
    flatten(condition, conjuncts);
    Match<R> best = null;
    for (CompoundIndex compound : compounds) {
      Match<R> match = Match.of(compound, conjuncts, sort);
      if (match != null && (best == null || match.beats(best))) {
        best = match;
      }
    }
    return best == null ? null : best.rewrite(conjuncts);
  }

  /** The compound index used. */
  CompoundIndex index() {
    return index;
  }

  /** The tag values, encoded and folded as indexed, in the compound's order. */
  List<String> tagValues() {
    return tagValues;
  }

  /** The lower bound of the number, as {@code ZRANGEBYSCORE} takes it ({@code -inf}, {@code (25}). */
  String min() {
    return min;
  }

  /** The upper bound of the number, as {@code ZRANGEBYSCORE} takes it ({@code +inf}, {@code 35}). */
  String max() {
    return max;
  }

  /** The conjuncts the compound range does not replace, in their order. */
  List<Condition<R>> rest() {
    return rest;
  }

  /** Whether the first sort key is the compound's number, and so walks the compound's sorted set. */
  boolean sorted() {
    return sorted;
  }

  /** The sorted set of the tag values in {@code bucket}. */
  String key(KeyLayout.Bucket bucket) {
    return bucket.compound(index.name(), tagValues);
  }

  private static <R> void flatten(Condition<R> condition, List<Condition<R>> out) {
    if (condition instanceof And<R> and) {
      for (Condition<R> child : and.conditions()) {
        flatten(child, out);
      }
    } else {
      out.add(condition);
    }
  }

  /**
   * A compound index that fits the conjuncts.
   *
   * @param tagConjuncts per tag, the position of its {@code eq} among the conjuncts
   * @param rangeConjuncts the positions of the ranges on the number
   */
  private record Match<R>(CompoundIndex index, int[] tagConjuncts, List<Integer> rangeConjuncts, boolean sorted) {

    static <R> Match<R> of(CompoundIndex index, List<Condition<R>> conjuncts, List<Sort<R>> sort) {
      int[] tagConjuncts = new int[index.tags().size()];
      for (int t = 0; t < tagConjuncts.length; t++) {
        tagConjuncts[t] = equality(conjuncts, index.tags().get(t));
        if (tagConjuncts[t] < 0) {
          return null;
        }
      }
      List<Integer> ranges = new ArrayList<>();
      for (int i = 0; i < conjuncts.size(); i++) {
        if (isRange(conjuncts.get(i), index.number())) {
          ranges.add(i);
        }
      }
      boolean sorted = !sort.isEmpty() && sort.get(0).field().index().equals(index.number());
      if (ranges.isEmpty() && !(sorted && !index.numberNullable())) {
        return null;
      }
      return new Match<>(index, tagConjuncts, ranges, sorted);
    }

    /** Whether this match is more specific than {@code other}. */
    boolean beats(Match<R> other) {
      if (tagConjuncts.length != other.tagConjuncts.length) {
        return tagConjuncts.length > other.tagConjuncts.length;
      }
      if (rangeConjuncts.isEmpty() != other.rangeConjuncts.isEmpty()) {
        return !rangeConjuncts.isEmpty();
      }
      return sorted && !other.sorted;
    }

    CompoundRewrite<R> rewrite(List<Condition<R>> conjuncts) {
      List<String> tagValues = new ArrayList<>(tagConjuncts.length);
      boolean[] replaced = new boolean[conjuncts.size()];
      for (int t = 0; t < tagConjuncts.length; t++) {
        IndexField tag = index.tags().get(t);
        Comparison<R> eq = (Comparison<R>) conjuncts.get(tagConjuncts[t]);
        tagValues.add(IndexEncoding.fold(IndexEncoding.tag(eq.value()), tag.caseSensitive()));
        replaced[tagConjuncts[t]] = true;
      }
      Bounds bounds = new Bounds();
      for (int i : rangeConjuncts) {
        bounds.add(conjuncts.get(i));
        replaced[i] = true;
      }
      List<Condition<R>> rest = new ArrayList<>();
      for (int i = 0; i < conjuncts.size(); i++) {
        if (!replaced[i]) {
          rest.add(conjuncts.get(i));
        }
      }
      return new CompoundRewrite<>(index, tagValues, bounds.min(), bounds.max(), rest, sorted);
    }

    /** The position of the first {@code eq} with a value on {@code tag}, or -1. */
    private static <R> int equality(List<Condition<R>> conjuncts, IndexField tag) {
      for (int i = 0; i < conjuncts.size(); i++) {
        if (conjuncts.get(i) instanceof Comparison<R> c && c.operator() == Comparison.Operator.EQ
            && c.value() != null && c.field().index().equals(tag)) {
          return i;
        }
      }
      return -1;
    }

    /** A range on {@code number} whose values are given (a {@code null} one fails when compiled, as ever). */
    private static boolean isRange(Condition<?> condition, IndexField number) {
      if (condition instanceof Range<?> range) {
        return range.field().index().equals(number);
      }
      return condition instanceof Comparison<?> c && c.operator() != Comparison.Operator.NE
          && c.value() != null && c.field().index().equals(number);
    }
  }

  /** The intersection of ranges on one number: each bound a score, open or closed. */
  private static final class Bounds {
    private double lower = Double.NEGATIVE_INFINITY;
    private boolean lowerOpen;
    private double upper = Double.POSITIVE_INFINITY;
    private boolean upperOpen;

    void add(Condition<?> condition) {
      if (condition instanceof Range<?> range) {
        if (range.lower() != null) {
          lower(IndexEncoding.bound(range.lower()), !range.lowerInclusive());
        }
        if (range.upper() != null) {
          upper(IndexEncoding.bound(range.upper()), !range.upperInclusive());
        }
        return;
      }
      Comparison<?> c = (Comparison<?>) condition;
      double score = IndexEncoding.bound(c.value());
      switch (c.operator()) {
        case GT -> lower(score, true);
        case GTE -> lower(score, false);
        case LT -> upper(score, true);
        case LTE -> upper(score, false);
        case EQ -> {
          lower(score, false);
          upper(score, false);
        }
        case NE -> throw new IllegalArgumentException("ne is not a range: " + c);
      }
    }

    private void lower(double score, boolean open) {
      if (score > lower) {
        lower = score;
        lowerOpen = open;
      } else if (score == lower) {
        lowerOpen |= open;
      }
    }

    private void upper(double score, boolean open) {
      if (score < upper) {
        upper = score;
        upperOpen = open;
      } else if (score == upper) {
        upperOpen |= open;
      }
    }

    String min() {
      return (lowerOpen ? "(" : "") + IndexEncoding.format(lower);
    }

    String max() {
      return (upperOpen ? "(" : "") + IndexEncoding.format(upper);
    }
  }
}
