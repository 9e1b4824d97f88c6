package dev.rekord;

import dev.rekord.exception.RekordException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.update.Update;
import java.util.ArrayList;
import java.util.List;

/**
 * Several saves and deletes of one model, written together ({@code members.unitOfWork()}):
 *
 * <pre>{@code
 * List<Member> stored = members.unitOfWork()
 *     .update(ada.withCity("Rome"))
 *     .insert(bob)
 *     .update("dee", Update.increment(Member_.age, 1))
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
 * <p><b>Partial updates</b> ({@link #update(Object, Update, Update[])}) are read first — the
 * documents of all of them in one round trip — and applied in Java as {@link
 * RekordRepository#update(Object, Update, Update[])} applies them; the script then writes each only
 * while it is still stored as read. When another writer changed one in between, the whole unit is
 * read, applied and written again (up to the same bound of attempts as a single partial update,
 * then {@link dev.rekord.exception.UpdateConflictException}): a commit never writes an update
 * computed from a stale document.
 *
 * <p><b>{@link #applyEach()}: a pipelined batch.</b> The same items in one pipeline (per node),
 * across any buckets, each document written atomically and reported on its own: an item refused
 * does not keep the others from being written. Its partial updates are read together first, and one
 * changed by another writer in between is read, applied and written again on its own.
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

  /** What an item does; a new kind is another constant and another script item. */
  enum Kind {
    SAVE,
    INSERT,
    UPDATE,
    DELETE,
    /** A partial update: the id, its updates and the version expected (or {@link QueryEngine#NO_VERSION}). */
    PARTIAL
  }

  /**
   * One item: an entity to write, or the id to delete or update partially ({@code updates}, with
   * the {@code expectedVersion} of {@link #updateIfVersion}; else {@link QueryEngine#NO_VERSION}).
   */
  record Item<T, ID>(Kind kind, T entity, ID id, List<Update<T>> updates, long expectedVersion) {
    Item(Kind kind, T entity, ID id) {
      this(kind, entity, id, List.of(), QueryEngine.NO_VERSION);
    }
  }

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

  /**
   * Applies {@code updates} to the stored document with {@code id}, as {@link
   * RekordRepository#update(Object, Update, Update[])} does: the unit fails with {@link
   * dev.rekord.exception.DocumentNotFoundException} when there is none.
   */
  @SafeVarargs
  public final UnitOfWork<T, ID> update(ID id, Update<T> update, Update<T>... more) {
    return partial(id, QueryEngine.NO_VERSION, update, more);
  }

  /**
   * {@link #update(Object, Update, Update[])} of a model with {@code @Version}, only when the
   * stored version is {@code expectedVersion} ({@link dev.rekord.exception.OptimisticLockException}
   * otherwise); stores the next version.
   */
  @SafeVarargs
  public final UnitOfWork<T, ID> updateIfVersion(ID id, long expectedVersion, Update<T> update, Update<T>... more) {
    if (repository.model().versionField() == null) {
      throw new IllegalStateException("updateIfVersion needs a model with @Version; " + repository.model().name()
          + " has none");
    }
    return partial(id, expectedVersion, update, more);
  }

  @SafeVarargs
  private UnitOfWork<T, ID> partial(ID id, long expectedVersion, Update<T> update, Update<T>... more) {
    List<Update<T>> updates = new ArrayList<>(1 + more.length);
    updates.add(required(update, "update"));
    for (Update<T> next : more) {
      updates.add(required(next, "update"));
    }
    items.add(new Item<>(Kind.PARTIAL, null, required(id, "id"), List.copyOf(updates), expectedVersion));
    return this;
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
   *     dev.rekord.exception.OptimisticLockException} a save's or update's version was stale: nothing
   *     of the unit was written (the first refused item's exception, the others' attached as
   *     suppressed)
   * @throws dev.rekord.exception.UpdateConflictException when other writers changed the documents
   *     of its partial updates under every attempt (nothing written)
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
   * @param stored the entity as stored (with its next {@code @Version}; a partial update's
   *     document after it); {@code null} for a delete and for an item not written
   * @param failure why the item was not written — the exception the single operation throws
   *     ({@link dev.rekord.exception.DocumentExistsException}, {@link
   *     dev.rekord.exception.DocumentNotFoundException}, {@link
   *     dev.rekord.exception.OptimisticLockException}, {@link
   *     dev.rekord.exception.UpdateConflictException}); {@code null} when it was
   */
  public record ItemResult<T, ID>(ID id, T stored, RekordException failure) {
    /** Whether the item was written (saved, or deleted). */
    public boolean written() {
      return failure == null;
    }
  }
}
