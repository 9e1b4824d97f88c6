/**
 * Rekord: type-safe Redis persistence for Java records. Start at {@link dev.rekord.Rekord}, which
 * connects to Redis ({@code Rekord.connect("redis://localhost:6379")}) and hands the connection to
 * the repositories the annotation processor generates for each {@code @RedisModel} record.
 *
 * <p>The runtime's other API packages: {@link dev.rekord.repository} (the repositories and their
 * queries), {@link dev.rekord.query} and {@link dev.rekord.metamodel} (conditions built from the
 * generated {@code Member_} metamodel), {@link dev.rekord.schema} (start-up migrations),
 * {@link dev.rekord.connection} (the connection and its retry policy), and {@link dev.rekord.model}
 * and {@link dev.rekord.codec} (what generated code implements). The annotations are in
 * {@code dev.rekord.annotations} ({@code rekord-annotations}).
 */
package dev.rekord;
