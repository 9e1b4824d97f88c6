package dev.rekord.processor.validate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.ProcessorTestSupport;
import java.io.IOException;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** The real processors end to end: validation, the writers and the registry, warning-free. */
class FullCompileTest {
  private static final JavaFileObject MEMBER = source("test.Member", """
      @RedisModel(prefix = "member", ttlSeconds = 60)
      public record Member(
          @Id String id,
          @Version long version,
          @Indexed String city,
          @Indexed(sortable = true) LocalDate joinDate,
          @Tag(caseSensitive = false) String code,
          @Text String bio,
          @Numeric double score,
          @Sortable Instant seen,
          @Indexed Duration took,
          @Geo GeoPoint location,
          int age,
          byte[] photo,
          BigDecimal balance,
          @Tag List<String> tags,
          @Indexed Set<Color> colors,
          Map<String, Integer> counts,
          Address address,
          List<Address> previous,
          @Indexed Color color) {
        public enum Color { RED, GREEN }
      }
      """);
  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(@Indexed String city, @FieldName("zip") String postalCode, GeoPoint location) {}
      """);

  @Test
  void validModelCompilesWithoutWarnings() throws IOException {
    Compilation c = ProcessorTestSupport.compile(MEMBER, ADDRESS);
    assertThat(c).succeededWithoutWarnings();
    for (String generated : new String[] {"Member_", "MemberCodec", "MemberIndex", "MemberModel", "MemberRepository"}) {
      assertThat(c).generatedSourceFile("test." + generated);
    }
    String services = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.rekord.model.RekordModel")
        .orElseThrow().getCharContent(true).toString();
    assertThat(services).isEqualTo("test.MemberModel\n");
  }

}
