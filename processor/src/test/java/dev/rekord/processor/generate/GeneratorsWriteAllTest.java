package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.generate.TestModels.TestModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** {@link Generators#writeAll} writes every artifact through the {@code Filer}, which then compiles. */
class GeneratorsWriteAllTest {

  @Test
  void writesEverySourceAndTheIndexResource() throws IOException {
    TestModel model = TestModels.counter();

    Compilation compilation = javac()
        .withOptions("-Xlint:all,-processing", "-Werror")
        .withProcessors(new WriteAll(model))
        .compile(model.sources());

    assertThat(compilation).succeededWithoutWarnings();
    for (String type : new String[] {"Counter_", "CounterCodec", "CounterIndex", "CounterModel", "CounterRepository"}) {
      assertThat(compilation).generatedSourceFile("com.acme." + type);
    }
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "", "META-INF/rekord/com.acme.Counter.redis")
        .contentsAsUtf8String()
        .isEqualTo(IndexResourceWriter.text(model.description()));
  }

  /** Stands in for the Rekord processor: writes the hand-built model for its record. */
  private static final class WriteAll extends AbstractProcessor {
    private final TestModel model;
    private boolean written;

    WriteAll(TestModel model) {
      this.model = model;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.rekord.annotations.RedisModel");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (written) {
        return false;
      }
      TypeElement record = processingEnv.getElementUtils().getTypeElement(model.description().recordType().canonicalName());
      try {
        Generators.writeAll(model.description(), record, processingEnv.getFiler());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written = true;
      return false;
    }
  }
}
