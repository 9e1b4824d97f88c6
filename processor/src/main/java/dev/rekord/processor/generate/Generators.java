package dev.rekord.processor.generate;

import dev.rekord.processor.model.ModelDescription;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/** Writes every per-model artifact. TODO(writers): implement. */
public final class Generators {
  private Generators() {}

  /**
   * Writes {@code Member_}, {@code MemberCodec}, {@code MemberModel}, {@code MemberIndex}, {@code
   * MemberRepository} and the FT.CREATE resource of {@code model}, each with {@code originating}
   * as its only originating element.
   */
  public static void writeAll(ModelDescription model, Element originating, Filer filer)
      throws java.io.IOException {
    throw new UnsupportedOperationException("TODO(writers)");
  }
}
