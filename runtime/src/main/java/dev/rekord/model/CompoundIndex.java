package dev.rekord.model;

import java.util.List;

/**
 * A compound index of a model ({@code @CompoundIndex}): one or more single-valued tags, then a
 * number. The portable engine keeps one sorted set per combination of tag values, the ids scored
 * by the number, so {@code eq} on every tag plus a range on (or a sort by) the number is one range
 * of one sorted set.
 *
 * <pre>{@code
 * CompoundIndex.of(List.of(CITY), AGE).numberNeverNull()   // age is an int
 * CompoundIndex.of(List.of(ADDRESS_CITY, COLOR), JOINED)   // joined may be null
 * }</pre>
 *
 * @param tags the tag fields, in declared order; single-valued, at least one
 * @param number the numeric field
 * @param numberNullable whether a document can have no value of {@code number} (a boxed type, or a
 *     field of an embedded record): such a document has no entry, so a query that only sorts by
 *     the number, and so must list it last, cannot use the index
 */
public record CompoundIndex(List<IndexField> tags, IndexField number, boolean numberNullable) {

  public CompoundIndex {
    tags = List.copyOf(tags);
    if (tags.isEmpty()) {
      throw new IllegalArgumentException("a compound index needs at least one tag field");
    }
    for (IndexField tag : tags) {
      if (tag.kind() != IndexKind.TAG || tag.multiValued()) {
        throw new IllegalArgumentException("a compound index takes single-valued tags, not " + tag);
      }
    }
    if (number.kind() != IndexKind.NUMERIC || number.multiValued()) {
      throw new IllegalArgumentException("a compound index ends with a single-valued number, not " + number);
    }
  }

  /**
   * The compound index of {@code tags}, then {@code number}, which a document may lack: the safe
   * assumption. Add {@link #numberNeverNull()} when every document has the number.
   */
  public static CompoundIndex of(List<IndexField> tags, IndexField number) {
    return new CompoundIndex(tags, number, true);
  }

  /**
   * This index, knowing that every document has its number (a primitive component of the model), so
   * a query that only sorts by the number can use it too.
   */
  public CompoundIndex numberNeverNull() {
    return new CompoundIndex(tags, number, false);
  }

  /** The name in its key names: the stored paths joined by {@code +}, e.g. {@code city+age}. */
  public String name() {
    StringBuilder name = new StringBuilder();
    for (IndexField tag : tags) {
      name.append(tag.path()).append('+');
    }
    return name.append(number.path()).toString();
  }
}
