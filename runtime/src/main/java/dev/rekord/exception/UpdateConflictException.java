package dev.rekord.exception;

/**
 * A partial update ({@code repository.update(id, …)}) found the document changed by other writers
 * every time it tried, up to its bound of attempts; nothing was written. Rare: it needs a document
 * written without pause by many clients at once. Retry later, or spread the writes.
 */
public class UpdateConflictException extends DocumentConditionException {
  private static final long serialVersionUID = 1L;

  public UpdateConflictException(String key, String model, String id, int attempts) {
    super(key, model, id, "changed under each of " + attempts + " attempts to update it; nothing was written");
  }
}
