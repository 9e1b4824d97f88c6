package dev.rekord.codec;

/**
 * Base of generated codecs for records (the model and its embedded records). The JSON form is an
 * object; the text form, used when a record sits in a list or map inside a hash field, is the same
 * JSON object as text.
 */
public abstract class RecordCodec<T> implements ValueCodec<T> {

  private final String name;

  protected RecordCodec(String name) {
    this.name = name;
  }

  @Override
  public final String toText(T value) {
    return JsonWriter.toText(name, value, this);
  }

  @Override
  public final T fromText(String text) {
    return JsonReader.fromText("(field value)", name, text, this);
  }
}
