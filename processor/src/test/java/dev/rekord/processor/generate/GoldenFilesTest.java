package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.rekord.processor.generate.TestModels.TestModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares every generated artifact of the test models with its golden file under {@code
 * src/test/resources/goldens/<model>/}. After an intended change, regenerate them with {@code mvn
 * -pl processor test -Dgoldens.update=true} and review the diff.
 */
class GoldenFilesTest {

  private static final Path GOLDENS = Path.of("src", "test", "resources", "goldens");
  private static final boolean UPDATE = Boolean.getBoolean("goldens.update");

  static Stream<Arguments> artifacts() {
    return TestModels.all().stream()
        .flatMap(
            model -> {
              Stream<Arguments> sources = Generators.sources(model.description()).stream()
                  .map(file -> Arguments.of(model, file.typeSpec().name() + ".java", file.toString()));
              Arguments resource = Arguments.of(
                  model,
                  Path.of(IndexResourceWriter.resourceName(model.description())).getFileName().toString(),
                  IndexResourceWriter.text(model.description()));
              return Stream.concat(sources, Stream.of(resource));
            });
  }

  @ParameterizedTest(name = "{0}/{1}")
  @MethodSource("artifacts")
  void matchesGolden(TestModel model, String fileName, String generated) throws IOException {
    Path golden = GOLDENS.resolve(model.golden()).resolve(fileName);
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, generated, StandardCharsets.UTF_8);
      return;
    }
    assertWithMessage("golden file %s (regenerate with -Dgoldens.update=true)", golden)
        .that(Files.exists(golden))
        .isTrue();
    assertWithMessage("%s differs from its golden file; if intended, regenerate with -Dgoldens.update=true", golden)
        .that(generated)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }

}
