package dev.rekord.processor.generate;

import com.palantir.javapoet.JavaFile;
import dev.rekord.processor.model.ModelDescription;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/** Writes every per-model artifact, one writer per artifact. */
public final class Generators {
  private Generators() {}

  /** The source writers, in the order their files are written. */
  private static final List<SourceFileWriter> WRITERS =
      List.of(new MetamodelWriter(), new CodecWriter(), new IndexDefinitionWriter(), new ModelWriter(), new RepositoryWriter());

  /**
   * Writes {@code Member_}, {@code MemberCodec}, {@code MemberIndex}, {@code MemberModel}, {@code
   * MemberRepository} and the FT.CREATE resource of {@code model}, each with {@code originating}
   * as its only originating element.
   *
   * @throws IllegalArgumentException when the model holds something validation should have
   *     rejected (an unsupported id type, a NUMERIC index on a string)
   */
  public static void writeAll(ModelDescription model, Element originating, Filer filer) throws IOException {
    for (SourceFileWriter writer : WRITERS) {
      writer.write(model, originating).writeTo(filer);
    }
    FileObject resource =
        filer.createResource(StandardLocation.CLASS_OUTPUT, "", IndexResourceWriter.resourceName(model), originating);
    try (Writer out = new java.io.OutputStreamWriter(resource.openOutputStream(), StandardCharsets.UTF_8)) {
      out.write(IndexResourceWriter.text(model));
    }
  }

  /** The source files of {@code model}, without originating element: for tests and tools. */
  public static List<JavaFile> sources(ModelDescription model) {
    return WRITERS.stream().map(writer -> writer.write(model)).toList();
  }
}
