package dev.rekord.model;

import java.util.Collection;

/**
 * Receives the index values of one document, field by field, from its generated codec ({@link
 * DocumentCodec#indexValues}). Engine-neutral: the values arrive as the record holds them, and each
 * query engine turns them into its own form (the portable engine into sorted-set entries and a
 * manifest; a search engine would into the fields it indexes). A {@code null} value, or an empty
 * collection, records the field as null, so {@code isNull} finds it.
 *
 * <pre>{@code
 * sink.tag(MemberIndex.CITY, member.city());
 * sink.numeric(MemberIndex.JOIN_DATE, member.joinDate());
 * sink.tags(MemberIndex.TAGS, member.tags());
 * }</pre>
 *
 * <p>Implementations validate what their index cannot hold (a {@code NaN} number, a polar
 * latitude) and throw {@link dev.rekord.exception.SerializationException} naming model and field,
 * before anything is written.
 */
public interface IndexSink {

  /** A string tag; call once per element of a multi-valued field. */
  IndexSink tag(IndexField field, String value);

  /** A tag of another type: an enum, boolean, UUID, number, … */
  IndexSink tag(IndexField field, Object value);

  /** Every element of a collection of tags ({@code null} elements are skipped). */
  IndexSink tags(IndexField field, Collection<?> values);

  /** A primitive number. */
  IndexSink numeric(IndexField field, double value);

  /** A number, date, time or duration. */
  IndexSink numeric(IndexField field, Object value);

  /** A full-text value. */
  IndexSink text(IndexField field, String text);

  /** A point. */
  IndexSink geo(IndexField field, GeoPoint point);

  /**
   * A vector ({@code @Vector float[]}); {@code null} records the field as null. By default nothing
   * is indexed: an engine without a vector index (the portable engine) finds the nearest documents
   * by reading them ({@code Query.nearest}).
   */
  default IndexSink vector(IndexField field, float[] vector) {
    return vector == null ? absent(field) : this;
  }

  /**
   * The values of a compound index: the values of its tags, in order, then the number. A document
   * with a {@code null} among them is not in the compound index.
   */
  IndexSink compound(CompoundIndex index, Object... values);

  /** Records the field as null. */
  IndexSink absent(IndexField field);
}
