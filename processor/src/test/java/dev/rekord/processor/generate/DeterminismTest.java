package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.JavaFile;
import dev.rekord.processor.generate.TestModels.TestModel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {

  static List<TestModel> models() {
    return TestModels.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void writingTwiceGivesIdenticalOutput(TestModel model) {
    // Two separately built (equal) descriptions, so no state is shared between the runs.
    TestModel again = TestModels.all().stream().filter(m -> m.golden().equals(model.golden())).findFirst().orElseThrow();

    assertThat(texts(Generators.sources(again.description()))).isEqualTo(texts(Generators.sources(model.description())));
    assertThat(IndexResourceWriter.text(again.description())).isEqualTo(IndexResourceWriter.text(model.description()));
  }

  private static List<String> texts(List<JavaFile> files) {
    return files.stream().map(JavaFile::toString).toList();
  }
}
