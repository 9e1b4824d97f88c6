/**
 * Rekord: type-safe Redis persistence for Java records. Start at {@link dev.rekord.Rekord}, which
 * connects to Redis ({@code Rekord.connect("redis://localhost:6379")}) and hands the connection to
 * the repositories the annotation processor generates for each {@code @RedisModel} record: each
 * extends {@link dev.rekord.RekordRepository} (save, find by id, delete, count, batch reads with
 * per-key failures) and builds a {@link dev.rekord.Query} from metamodel conditions.
 *
 * <p>The runtime's other API packages: {@link dev.rekord.query} and {@link dev.rekord.metamodel}
 * (conditions built from the generated {@code Member_} metamodel), {@link dev.rekord.exception}
 * (one unchecked hierarchy), {@link dev.rekord.schema} (migration and verification reports),
 * {@link dev.rekord.connection} (the connection, its retry policy and raw commands), {@link
 * dev.rekord.model} (model descriptions and value types) and {@link dev.rekord.codec} (for
 * generated code). Packages under {@code dev.rekord.internal} are not exported. The annotations
 * are in {@code dev.rekord.annotations} ({@code rekord-annotations}).
 */
package dev.rekord;
