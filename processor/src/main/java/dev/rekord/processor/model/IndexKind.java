package dev.rekord.processor.model;

/** Index kinds; names match the runtime's {@code dev.rekord.model.IndexKind}. */
public enum IndexKind {
  TAG,
  NUMERIC,
  TEXT,
  GEO,
  VECTOR
}
