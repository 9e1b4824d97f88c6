package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.IndexedAttribute;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-valued tag field (a collection of tags, or a tag inside a collection of records).
 *
 * @param <R> the model
 * @param <E> the element type
 * @param <T> the stored value type ({@code List<E>}, {@code Set<E>} or {@code E})
 */
public class CollectionField<R, E, T> extends IndexedAttribute<R, T> {

  public CollectionField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }

  /** Documents whose collection contains {@code element}. */
  public Condition<R> contains(E element) {
    return new Contains<>(this, List.of(element), true);
  }

  /** Documents whose collection contains at least one of {@code elements}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public final Condition<R> containsAny(E... elements) {
    return new Contains<>(this, Arrays.asList(elements), false);
  }

  /** Documents whose collection contains every one of {@code elements}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public final Condition<R> containsAll(E... elements) {
    return new Contains<>(this, Arrays.asList(elements), true);
  }
}
