package dev.rekord.exception;

/** {@code update} found no document with the entity's id; nothing was written. */
public class DocumentNotFoundException extends DocumentConditionException {
  private static final long serialVersionUID = 1L;

  public DocumentNotFoundException(String key, String model, String id) {
    super(key, model, id, "does not exist: update writes only existing documents");
  }
}
