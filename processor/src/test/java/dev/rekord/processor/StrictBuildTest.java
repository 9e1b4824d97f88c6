package dev.rekord.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's build with {@code -Xlint:all -Werror}: javac warns of every annotation no processor
 * claims ({@code -Xlint:processing}), and of anything questionable in the generated code.
 */
class StrictBuildTest {
  private static final List<String> STRICT = List.of("-Xlint:all", "-Werror");

  /** Every Rekord annotation, so each must be claimed; the generated code carries {@code @Generated}. */
  private static final JavaFileObject MEMBER = source("test.Member", """
      @RedisModel(prefix = "member")
      @CompoundIndex({"city", "age"})
      @CompoundIndex({"code", "joined"})
      public record Member(
          @Id String id,
          @Version long version,
          @Indexed String city,
          @Numeric int age,
          @Indexed(sortable = true) LocalDate joined,
          @Tag(caseSensitive = false) String code,
          @Text String bio,
          @Sortable Instant seen,
          @Geo GeoPoint location,
          @FieldName("addr") Address address,
          @Indexed Year vintage,
          @Indexed ZoneId zone,
          List<YearMonth> months) {}
      """);
  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(@Indexed String city, String street) {}
      """);

  @Test
  void modelCompilesWithoutWarningsUnderXlintAllWerror() {
    Compilation c = Compiler.javac()
        .withProcessors(new RekordProcessor(), new RekordRegistryProcessor())
        .withOptions(STRICT)
        .compile(MEMBER, ADDRESS);
    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("test.MemberRepository");
  }

  /** As a user's build finds the processors: through the services file, in its order. */
  @Test
  void discoveredProcessorsCompileWithoutWarningsUnderXlintAllWerror(@TempDir Path out) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = List.of("-Xlint:all", "-Werror", "-d", out.toString(), "-s", out.toString(),
          "-classpath", System.getProperty("java.class.path"));
      boolean compiled = javac.getTask(null, files, diagnostics, options, null, List.of(MEMBER, ADDRESS)).call();
      List<String> reported = diagnostics.getDiagnostics().stream()
          .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
          .map(d -> d.getKind() + ": " + d.getMessage(null))
          .toList();
      assertThat(reported).isEmpty();
      assertThat(compiled).isTrue();
    }
    assertThat(Files.exists(out.resolve("test/MemberRepository.java"))).isTrue();
    assertThat(Files.readString(out.resolve("META-INF/services/dev.rekord.model.RekordModel")))
        .isEqualTo("test.MemberModel\n");
  }
}
