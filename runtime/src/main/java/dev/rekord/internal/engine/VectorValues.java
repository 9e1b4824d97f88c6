package dev.rekord.internal.engine;

import dev.rekord.model.IndexField;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** What both engines check of a vector before it is saved, and its stored bytes. */
public final class VectorValues {

  private VectorValues() {}

  /**
   * Why {@code vector} cannot be stored in {@code field} (a length other than the field's
   * dimensions, a NaN or infinite element), or {@code null} when it can.
   */
  public static String problem(IndexField field, float[] vector) {
    int dimensions = field.vector().dimensions();
    if (vector.length != dimensions) {
      return "the vector has " + vector.length + " elements, but the field has " + dimensions + " dimensions";
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        return "element " + i + " of the vector is " + vector[i] + "; a vector holds finite numbers only";
      }
    }
    return null;
  }

  /** The FLOAT32 little-endian bytes of {@code vector}: the blob the Redis Query Engine reads. */
  public static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }
}
