package dev.rekord.model;

/** How a field is indexed. */
public enum IndexKind {
  /** Exact match on the value (and prefix match on strings); multi-valued for collections. */
  TAG,
  /** Numbers, dates and times as numbers: ranges and sorting. */
  NUMERIC,
  /** Full text: tokenized, case-folded words. */
  TEXT,
  /** Points: radius and box. */
  GEO,
  /** A {@code float[]} embedding: nearest-neighbour queries. */
  VECTOR
}
