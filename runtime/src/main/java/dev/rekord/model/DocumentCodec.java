package dev.rekord.model;

import java.util.List;
import java.util.Map;

/**
 * Converts a model record to and from its stored document. Generated per model ({@code
 * MemberCodec}); straight-line code, no reflection. A codec has the form of its model's storage
 * only: {@link #toHash}/{@link #fromHash} for {@code Storage.HASH}, {@link #toJson}/{@link
 * #fromJson} for {@code Storage.JSON}; the other pair throws {@link UnsupportedOperationException}.
 *
 * @param <T> the record type
 */
public interface DocumentCodec<T> {

  /** The record as hash fields: nested records flattened to dotted names, nulls left out. */
  default Map<String, String> toHash(T value) {
    throw notStoredAs("a hash");
  }

  /**
   * Reads a record from hash fields. Fields the model does not know are ignored.
   *
   * @param key the Redis key, named in errors
   * @throws dev.rekord.exception.DeserializationException when a field is missing or cannot be parsed
   */
  default T fromHash(String key, Map<String, String> hash) {
    throw notStoredAs("a hash");
  }

  /**
   * The hash fields {@link #fromHash} reads, in declaration order: every component's stored name,
   * embedded records by their presence marker and dotted fields. An engine that can ask for some
   * fields only (the search engine's {@code FT.SEARCH … RETURN}) reads just these. Empty when not
   * known (a JSON codec, a hand-written one): every field is read.
   */
  default List<String> hashFields() {
    return List.of();
  }

  /** The record as a JSON document; null values are left out. */
  default String toJson(T value) {
    throw notStoredAs("JSON");
  }

  /**
   * Reads a record from a JSON document. Members the model does not know are skipped.
   *
   * @param key the Redis key, named in errors
   * @throws dev.rekord.exception.DeserializationException when a member is missing or cannot be parsed
   */
  default T fromJson(String key, String json) {
    throw notStoredAs("JSON");
  }

  /**
   * Hands the index values of {@code value} to {@code sink}, one call per indexed field, in
   * declaration order; fields of embedded records and collections of records by their dotted path.
   */
  void indexValues(T value, IndexSink sink);

  private UnsupportedOperationException notStoredAs(String form) {
    return new UnsupportedOperationException(
        getClass().getSimpleName() + " is not a codec of documents stored as " + form + "; see the model's storage()");
  }
}
