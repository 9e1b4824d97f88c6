package dev.rekord.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.palantir.javapoet.JavaFile;
import dev.rekord.processor.generate.TestModels.TestModel;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated sources compile against the real runtime, with every lint warning an error, next to
 * the records their descriptions describe.
 */
class GeneratedCodeCompilesTest {

  static List<TestModel> models() {
    return TestModels.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void compilesWithoutWarnings(TestModel model) {
    List<JavaFileObject> sources = new ArrayList<>(model.sources());
    for (JavaFile file : Generators.sources(model.description())) {
      sources.add(file.toJavaFileObject());
    }
    // -proc:none: the processor under test is on the class path and must not run here.
    Compilation compilation = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
  }
}
