package dev.rekord.query;


/** {@code field op value}: equality, inequality and the four order comparisons. */
public record Comparison<R>(IndexedAttribute<R, ?> field, Operator operator, Object value)
    implements Condition<R> {

  /** The comparison operators. */
  public enum Operator {
    EQ, NE, GT, GTE, LT, LTE
  }
}
