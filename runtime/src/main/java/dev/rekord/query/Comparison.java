package dev.rekord.query;

import dev.rekord.metamodel.IndexedAttribute;

/** {@code field op value}: equality, inequality and the four order comparisons. */
public record Comparison<R>(IndexedAttribute<R, ?> field, Operator operator, Object value)
    implements Condition<R> {

  /** The comparison operators. */
  public enum Operator {
    EQ, NE, GT, GTE, LT, LTE
  }
}
