package dev.rekord.internal.id;

/**
 * Where {@code Long} ids come from: {@code INCR} (or {@code INCRBY n} for a batch) of a counter
 * key per model, {@code rekord:seq:<prefix>}. Documents live at {@code <prefix>:<id>}, so the
 * counter cannot collide with a document of its model, and it sits in Rekord's own {@code
 * rekord:} namespace, which model prefixes should not use. The counter survives {@code
 * deleteAll}, so ids are never handed out twice.
 */
public final class IdSequence {
  private IdSequence() {}

  /** The counter key of the model with key prefix {@code keyPrefix}. */
  public static String counterKey(String keyPrefix) {
    return "rekord:seq:" + keyPrefix;
  }
}
