package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Condition;
import dev.rekord.query.NullCheck;

/**
 * An indexed component: the base of the typed query fields. Only fields that keep a sort order
 * ({@link SortableField}) offer {@code asc()} and {@code desc()}.
 */
public abstract class IndexedAttribute<R, T> extends Attribute<R, T> {

  private final IndexField index;

  protected IndexedAttribute(IndexField index, ValueCodec<T> codec) {
    super(index.path(), codec);
    this.index = index;
  }

  /** How this field is indexed. */
  public final IndexField index() {
    return index;
  }

  /** Documents where this field is {@code null}. */
  public Condition<R> isNull() {
    return new NullCheck<>(this, true);
  }

  /** Documents where this field is not {@code null}. */
  public Condition<R> isNotNull() {
    return new NullCheck<>(this, false);
  }
}
