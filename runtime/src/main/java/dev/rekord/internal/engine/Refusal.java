package dev.rekord.internal.engine;

/**
 * A prepared save the engine did not write, checked atomically with the write.
 *
 * @param position its position among the saves of the call ({@code 0} for a single save)
 * @param storedVersion the stored document's version when its {@code @Version} did not match
 *     ({@code 0}: no document), {@link #BY_CONDITION} when its {@link WriteCondition} refused it,
 *     or {@link #BY_FENCE} when its fencing token was stale
 */
public record Refusal(int position, long storedVersion) {

  /** The {@link #storedVersion} of a save refused by its {@link WriteCondition}. */
  public static final long BY_CONDITION = -1;

  /** The {@link #storedVersion} of a fenced save refused because a newer fencing token was issued. */
  public static final long BY_FENCE = -2;

  public boolean byCondition() {
    return storedVersion == BY_CONDITION;
  }

  public boolean byFence() {
    return storedVersion == BY_FENCE;
  }
}
