package dev.rekord;

import dev.rekord.exception.RekordException;
import java.util.ArrayList;
import java.util.List;

/**
 * Several saves and deletes of one model, written together ({@code members.unitOfWork()}):
 *
 * <pre>{@code
 * List<Member> stored = members.unitOfWork()
 *     .update(ada.withCity("Rome"))
 *     .insert(bob)
 *     .delete("cy")
 *     .commit();
 * }</pre>
 *
 * <p><b>{@link #commit()}: all or nothing, in one bucket.</b> The whole unit runs as one script
 * in one round trip: the condition of every item (an insert's absent document, an update's
 * present one) and the {@code @Version} of every versioned save are checked before anything is
 * written, and when one is refused nothing is — the document, its expiry and every index entry of
 * every item stay as they were. Redis runs a script on one node and its keys must share a hash
 * slot, so the ids of a unit must be in one bucket of the model (always so for a model of one
 * bucket, the default on a standalone server); otherwise {@code commit()} throws a {@link
 * dev.rekord.exception.CrossBucketWriteException} naming the buckets, having written nothing.
 *
 * <p><b>{@link #applyEach()}: a pipelined batch.</b> The same items in one pipeline (per node),
 * across any buckets, each document written atomically and reported on its own: an item refused
 * does not keep the others from being written.
 *
 * <p>Items are applied in the order they were added; an id may appear only once in a unit that is
 * committed. An entity with a {@code null} id gets one generated when the unit runs (in a bucket
 * of its own choosing: give ids yourself to keep a unit in one bucket). Deletes are unconditional.
 * Not thread-safe; the unit can run more than once.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public final class UnitOfWork<T, ID> {

  /** What an item does; a new kind (a partial update) is another constant and another script item. */
  enum Kind {
    SAVE,
    INSERT,
    UPDATE,
    DELETE
  }

  /** One item: an entity to write, or the id to delete. */
  record Item<T, ID>(Kind kind, T entity, ID id) {}

  private final RekordRepository<T, ID> repository;
  private final List<Item<T, ID>> items = new ArrayList<>();

  UnitOfWork(RekordRepository<T, ID> repository) {
    this.repository = repository;
  }

  /** Saves {@code entity}, replacing any document with its id (checking its {@code @Version}). */
  public UnitOfWork<T, ID> save(T entity) {
    return add(Kind.SAVE, required(entity, "entity"), null);
  }

  /** Saves {@code entity} only if no document has its id ({@link RekordRepository#insert}). */
  public UnitOfWork<T, ID> insert(T entity) {
    return add(Kind.INSERT, required(entity, "entity"), null);
  }

  /** Replaces the document with the id of {@code entity} only if it exists ({@link RekordRepository#update}). */
  public UnitOfWork<T, ID> update(T entity) {
    required(entity, "entity");
    if (repository.model().id(entity) == null) {
      throw new IllegalArgumentException("update needs an entity with its id");
    }
    return add(Kind.UPDATE, entity, null);
  }

  /** Deletes the document with {@code id} and its index entries, if there is one. */
  public UnitOfWork<T, ID> delete(ID id) {
    return add(Kind.DELETE, null, required(id, "id"));
  }

  /** How many items the unit holds. */
  public int size() {
    return items.size();
  }

  /**
   * Writes every item in one atomic script call, all or nothing (see the class comment).
   *
   * @return the saved entities as stored (with generated ids and their next {@code @Version}), in
   *     the order they were added
   * @throws dev.rekord.exception.DocumentExistsException an insert found its document, {@link
   *     dev.rekord.exception.DocumentNotFoundException} an update found none, {@link
   *     dev.rekord.exception.OptimisticLockException} a save's version was stale: nothing of the
   *     unit was written (the first refused item's exception, the others' attached as suppressed)
   * @throws dev.rekord.exception.CrossBucketWriteException when the ids are in more than one bucket
   * @throws IllegalArgumentException when an id appears twice
   */
  public List<T> commit() {
    return repository.commit(items());
  }

  /**
   * Writes every item in one pipeline (per node), each document atomically, any buckets; an item
   * refused does not keep the others from being written.
   *
   * @return one result per item, in the order they were added
   */
  public List<ItemResult<T, ID>> applyEach() {
    return repository.applyEach(items());
  }

  /** A copy of the items, in order. */
  List<Item<T, ID>> items() {
    return List.copyOf(items);
  }

  private UnitOfWork<T, ID> add(Kind kind, T entity, ID id) {
    items.add(new Item<>(kind, entity, id));
    return this;
  }

  private static <V> V required(V value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * What {@link #applyEach()} did with one item.
   *
   * @param id the document's id (generated for an entity that had none)
   * @param stored the entity as stored (with its next {@code @Version}); {@code null} for a delete
   *     and for an item not written
   * @param failure why the item was not written — the exception the single operation throws
   *     ({@link dev.rekord.exception.DocumentExistsException}, {@link
   *     dev.rekord.exception.DocumentNotFoundException}, {@link
   *     dev.rekord.exception.OptimisticLockException}); {@code null} when it was
   */
  public record ItemResult<T, ID>(ID id, T stored, RekordException failure) {
    /** Whether the item was written (saved, or deleted). */
    public boolean written() {
      return failure == null;
    }
  }
}
