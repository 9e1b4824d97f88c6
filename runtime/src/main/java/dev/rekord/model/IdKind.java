package dev.rekord.model;

/** The type of a model's {@code @Id}, which decides how a missing id is generated. */
public enum IdKind {
  /** {@code String}: a time-ordered ULID. */
  STRING,
  /** {@code UUID}: a version 7 (time-ordered) UUID. */
  UUID,
  /** {@code Long}: {@code INCR} of the model's id counter. A primitive {@code long} is never generated. */
  LONG
}
