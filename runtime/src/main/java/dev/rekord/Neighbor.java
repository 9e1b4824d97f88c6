package dev.rekord;

/**
 * A document found by a nearest-neighbour query, with its distance to the query vector (smaller is
 * nearer; the field's {@code Vector.Distance}: 1 − cosine similarity, squared Euclidean distance,
 * or 1 − inner product).
 *
 * @param entity the document
 * @param distance its distance to the query vector
 * @param <T> the record type
 */
public record Neighbor<T>(T entity, double distance) {}
