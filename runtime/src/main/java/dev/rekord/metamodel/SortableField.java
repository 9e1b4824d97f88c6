package dev.rekord.metamodel;

import dev.rekord.model.IndexField;
import dev.rekord.query.Attribute;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.Sort;

/**
 * A field that keeps a sort order: a single-valued tag or numeric component annotated with
 * {@code @Sortable} or {@code sortable = true}. Only these fields offer {@link #asc()} and {@link
 * #desc()}, so {@code sortBy(Member_.city.asc())} does not compile when {@code city} keeps no sort
 * order. The metamodel declares each as the sortable variant of its field class ({@code
 * SortableNumericField<Member, Integer> age}), which has every operation of that class too.
 *
 * <p>Text fields have no sortable variant: the portable engine keeps no sort order of text.
 *
 * @param <R> the model
 */
public sealed interface SortableField<R>
    permits SortableStringField, SortableTagField, SortableNumericField, SortableDateField, SortableComparableField {

  /** The stored path, as {@link Attribute#path()}. */
  String path();

  /** How this field is indexed, as {@link IndexedAttribute#index()}. */
  IndexField index();

  /** Sort ascending by this field; documents without a value come last. */
  default Sort<R> asc() {
    return new Sort<>(attribute(), false);
  }

  /** Sort descending by this field; documents without a value come last. */
  default Sort<R> desc() {
    return new Sort<>(attribute(), true);
  }

  private IndexedAttribute<R, ?> attribute() {
    // Sealed: every permitted class is an IndexedAttribute of the same model R.
    @SuppressWarnings("unchecked")
    IndexedAttribute<R, ?> attribute = (IndexedAttribute<R, ?>) this;
    return attribute;
  }
}
