package dev.rekord.annotations;

/** How a model's documents are laid out in Redis. */
public enum Storage {
  /** One Redis hash per document; nested records are flattened to dotted field names. */
  HASH,
  /** One JSON text per document (a Redis string value). */
  JSON
}
