package dev.rekord.repository;

import dev.rekord.Rekord;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Typed CRUD for one model. Generated repositories ({@code MemberRepository}) extend it and fix
 * the model; applications create them with {@code new MemberRepository(rekord)}.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public class RekordRepository<T, ID> {

  private final Rekord rekord;
  private final RekordModel<T, ID> model;

  protected RekordRepository(Rekord rekord, RekordModel<T, ID> model) {
    this.rekord = rekord;
    this.model = model;
  }

  public final RekordModel<T, ID> model() {
    return model;
  }

  /** The Redis key of the document with {@code id}. */
  public String keyOf(ID id) {
    return model.keyPrefix() + ":" + model.idToString(id);
  }

  /**
   * Stores {@code entity}, replacing any document with its id, with the model's default time to
   * live. A {@code null} id is generated first.
   *
   * @return the entity as stored (with its generated id)
   */
  public T save(T entity) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** Like {@link #save(Object)}, expiring after {@code ttl} ({@link Duration#ZERO}: never). */
  public T save(T entity, Duration ttl) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** Stores every entity in one pipelined round trip per batch; returns them as stored. */
  public List<T> saveAll(Iterable<? extends T> entities) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  public List<T> saveAll(Iterable<? extends T> entities, Duration ttl) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /**
   * The document with {@code id}, if any.
   *
   * @throws dev.rekord.DeserializationException when the stored document does not match the model
   */
  public Optional<T> findById(ID id) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** The documents with {@code ids}, read in one round trip; see {@link BatchRead}. */
  public BatchRead<ID, T> findAllById(Iterable<? extends ID> ids) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  public boolean existsById(ID id) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** Deletes the document with {@code id}; {@code true} when there was one. */
  public boolean deleteById(ID id) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** Deletes every document of the model; returns how many. */
  public long deleteAll() {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** The number of documents of the model. */
  public long count() {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  protected final Rekord rekord() {
    return rekord;
  }
}
