package dev.rekord.changes;

/**
 * Handles the events of a subscription, one at a time, in the order of each bucket's stream (so
 * in order per document). An event is acknowledged when {@code handle} returns; when it throws,
 * the event stays pending and is delivered again (with the events after it in its bucket held
 * back until then).
 *
 * @param <ID> the id type
 */
@FunctionalInterface
public interface ChangeHandler<ID> {
  void handle(ChangeEvent<ID> event) throws Exception;
}
