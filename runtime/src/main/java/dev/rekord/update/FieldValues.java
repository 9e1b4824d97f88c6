package dev.rekord.update;

import dev.rekord.query.Attribute;

/**
 * The fields of one stored document as an {@link Update} reads and writes them, by the metamodel's
 * attributes. The runtime implements it over the stored form (hash fields or JSON); users do not.
 *
 * @param <R> the model
 */
public interface FieldValues<R> {

  /** The stored value of {@code field}; {@code null} when absent. */
  <V> V get(Attribute<R, V> field);

  /** Stores {@code value} at {@code field}; {@code null} removes it. */
  <V> void set(Attribute<R, V> field, V value);
}
