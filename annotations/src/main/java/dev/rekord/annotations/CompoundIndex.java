package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A compound index: one or more single-valued {@link Tag} fields, then one {@link Numeric} field.
 * A query with an {@code eq} on every one of the tags and a range on the number, or a sort by it,
 * reads one sorted set instead of intersecting two indexes: {@code city = "Oslo" AND age between
 * 25 and 35, sorted by age, 20 rows} costs O(log n + 20), however many members live in Oslo or are
 * that age.
 *
 * <pre>{@code
 * @RedisModel(prefix = "member")
 * @CompoundIndex({"city", "age"})
 * public record Member(@Id String id, @Tag String city, @Numeric(sortable = true) int age) {}
 * }</pre>
 *
 * <p>Fields are named by their Java component names, dotted through embedded records ({@code
 * "address.city"}), as in the metamodel ({@code Member_.address.city}). Each save writes one more
 * entry per compound index (nothing when one of its fields is null). Repeat the annotation for
 * several compound indexes.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(CompoundIndexes.class)
public @interface CompoundIndex {
  /** The fields: single-valued tags first, the numeric field last; at least two in all. */
  String[] value();
}
