package dev.rekord.internal.storage;

import dev.rekord.exception.DeserializationException;
import dev.rekord.annotations.Storage;
import dev.rekord.model.RekordModel;
import java.util.Map;

/**
 * Turns what Redis returned for a document key into a record, with every failure a {@link
 * DeserializationException} naming key and model.
 */
public final class DocumentDecoder<T> {

  private final RekordModel<T, ?> model;

  public DocumentDecoder(RekordModel<T, ?> model) {
    this.model = model;
  }

  /** The Redis type documents of the model have: {@code hash} or {@code string}. */
  public String redisType() {
    return model.storage() == Storage.HASH ? "hash" : "string";
  }

  /**
   * Decodes the reply of {@code HGETALL} (a map) or {@code GET} (a string).
   *
   * @return {@code null} when there is no document
   */
  @SuppressWarnings("unchecked")
  public T decode(String key, Object reply) {
    try {
      if (model.storage() == Storage.HASH) {
        Map<String, String> fields = (Map<String, String>) reply;
        return fields == null || fields.isEmpty() ? null : model.codec().fromHash(key, fields);
      }
      return reply == null ? null : model.codec().fromJson(key, (String) reply);
    } catch (DeserializationException e) {
      throw e;
    } catch (RuntimeException e) {
      // The record's own validation (a compact constructor) rejected the stored values.
      throw new DeserializationException(key, model.name(), null, String.valueOf(e.getMessage()), e);
    }
  }

  /** The error for a key that holds another Redis type ({@code WRONGTYPE}). */
  public DeserializationException wrongType(String key, String actualType) {
    return new DeserializationException(
        key, model.name(), null, "expected a " + redisType() + " but found " + actualType, null);
  }
}
