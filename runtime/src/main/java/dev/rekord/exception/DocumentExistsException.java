package dev.rekord.exception;

/** {@code insert} found a document with the entity's id; neither document nor index was changed. */
public class DocumentExistsException extends DocumentConditionException {
  private static final long serialVersionUID = 1L;

  public DocumentExistsException(String key, String model, String id) {
    super(key, model, id, "already exists: insert writes only new documents");
  }
}
