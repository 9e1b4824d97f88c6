package dev.rekord.exception;

/**
 * A conditional write was refused because the stored document did not meet its condition; nothing
 * was written. Names the document's key, the model and the id.
 */
public abstract class DocumentConditionException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String model;
  private final String id;

  protected DocumentConditionException(String key, String model, String id, String problem) {
    super("document " + id + " of model " + model + " (key " + key + ") " + problem);
    this.key = key;
    this.model = model;
    this.id = id;
  }

  /** The document's Redis key. */
  public String key() {
    return key;
  }

  public String model() {
    return model;
  }

  public String id() {
    return id;
  }
}
