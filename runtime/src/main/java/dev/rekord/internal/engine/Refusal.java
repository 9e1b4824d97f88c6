package dev.rekord.internal.engine;

/**
 * A prepared save the engine did not write, checked atomically with the write.
 *
 * @param position its position among the saves of the call ({@code 0} for a single save)
 * @param storedVersion the stored document's version when its {@code @Version} did not match
 *     ({@code 0}: no document), or {@link #BY_CONDITION} when its {@link WriteCondition} refused it
 */
public record Refusal(int position, long storedVersion) {

  /** The {@link #storedVersion} of a save refused by its {@link WriteCondition}. */
  public static final long BY_CONDITION = -1;

  public boolean byCondition() {
    return storedVersion == BY_CONDITION;
  }
}
