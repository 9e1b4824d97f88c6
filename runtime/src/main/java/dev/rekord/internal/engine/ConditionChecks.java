package dev.rekord.internal.engine;

import dev.rekord.exception.QueryException;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.IndexedAttribute;

/**
 * The checks every engine makes when it compiles a condition, so both refuse the same queries with
 * the same {@link QueryException}.
 */
public final class ConditionChecks {
  private ConditionChecks() {}

  /** The index field of {@code attribute}, which {@code operation} needs to be of {@code kind}. */
  public static IndexField kind(IndexedAttribute<?, ?> attribute, IndexKind kind, String operation) {
    IndexField field = attribute.index();
    if (field.kind() != kind) {
      throw new QueryException(operation + " needs a " + kind + " field, but " + field.path()
          + " is indexed as " + field.kind());
    }
    return field;
  }

  /** {@code value}, which a condition on {@code field} must have (a null is what isNull() is for). */
  public static <V> V requireValue(V value, IndexField field) {
    if (value == null) {
      throw new QueryException("a condition on " + field.path()
          + " needs a value; use isNull() to find null fields");
    }
    return value;
  }

  /** The radius of {@code radius} in meters, which must be zero or positive. */
  public static double meters(GeoRadius<?> radius) {
    double meters = radius.unit().toMeters(radius.radius());
    if (!(meters >= 0)) {
      throw new QueryException("a radius must be zero or positive: " + radius.radius());
    }
    return meters;
  }
}
