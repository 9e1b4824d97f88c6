package dev.rekord.internal.storage;

import dev.rekord.annotations.Storage;
import dev.rekord.connection.Command;
import dev.rekord.exception.DeserializationException;
import dev.rekord.model.RekordModel;
import java.util.List;

/**
 * How the documents of one model are stored: the one place that knows hash from JSON. It encodes a
 * record into the arguments the engines' save scripts take, names the command that reads a
 * document (run alone or in a batch) and decodes what Redis returned, every failure a {@link DeserializationException}
 * naming key and model.
 *
 * @param <T> the record type
 */
public abstract sealed class DocumentStorage<T> permits HashStorage, JsonStorage {

  final RekordModel<T, ?> model;

  DocumentStorage(RekordModel<T, ?> model) {
    this.model = model;
  }

  /** The storage of {@code model}'s documents. */
  public static <T> DocumentStorage<T> of(RekordModel<T, ?> model) {
    return model.storage() == Storage.HASH ? new HashStorage<>(model) : new JsonStorage<>(model);
  }

  /** The Redis type of the documents: {@code hash} or {@code string}. */
  public abstract String redisType();

  /** How save scripts name this storage: {@code hash} or {@code json}. */
  public abstract String scriptKind();

  /**
   * The document of {@code entity} as save-script arguments: field/value pairs for a hash, the JSON
   * text for a string.
   */
  public abstract List<String> encode(T entity);

  /** The command that reads the document at {@code key}: {@code HGETALL} or {@code GET}. */
  public abstract Command<?> read(String key);

  /**
   * A document a script read ({@code HGETALL}'s flat array of fields and values, or {@code GET}'s
   * text; strings or bytes) as {@link #read}'s reply, for {@link #decode}; {@code null}, and a
   * reply of {@link #read} itself, stay as they are.
   */
  public abstract Object fromScript(Object reply);

  /**
   * The document at {@code key} (as {@link #fromScript} returns it, not {@code null}) opened for a
   * partial update.
   */
  public abstract StoredFields<T> fields(String key, Object document);

  /** A bulk string of a script's reply as text. */
  static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : (String) value;
  }

  /**
   * Decodes what {@link #read} returned.
   *
   * @return {@code null} when there is no document
   * @throws DeserializationException when the document does not match the model
   */
  public final T decode(String key, Object reply) {
    try {
      return decodeReply(key, reply);
    } catch (DeserializationException e) {
      throw e;
    } catch (RuntimeException e) {
      // The record's own validation (a compact constructor) rejected the stored values.
      throw new DeserializationException(key, model.name(), null, String.valueOf(e.getMessage()), e);
    }
  }

  abstract T decodeReply(String key, Object reply);

  /** The error for a key that holds another Redis type ({@code WRONGTYPE}). */
  public final DeserializationException wrongType(String key, String actualType) {
    return new DeserializationException(
        key, model.name(), null, "expected a " + redisType() + " but found " + actualType, null);
  }
}
