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

  /** {@code @Vector}'s HNSW settings reach the generated definition and the reviewed FT.CREATE; untuned ones stay short. */
  @Test
  void hnswSettingsAreCarriedIntoTheIndexDefinition() throws IOException {
    JavaFileObject product = source("test.Product", """
        @RedisModel
        public record Product(
            @Id String id,
            @Vector(dimensions = 4, algorithm = Vector.Algorithm.HNSW, m = 32, efRuntime = 50) float[] tuned,
            @Vector(dimensions = 4, algorithm = Vector.Algorithm.HNSW) float[] plain) {}
        """);
    Compilation c = ProcessorTestSupport.compile(product);
    assertThat(c).succeededWithoutWarnings();
    String index = c.generatedSourceFile("test.ProductIndex").orElseThrow().getCharContent(true).toString();
    assertThat(index).contains("IndexField.vector(\"tuned\", 4, Vector.Distance.COSINE, Vector.Algorithm.HNSW, 32, 0, 50)");
    assertThat(index).contains("IndexField.vector(\"plain\", 4, Vector.Distance.COSINE, Vector.Algorithm.HNSW)");
    String command = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/rekord/test.Product.redis")
        .orElseThrow().getCharContent(true).toString();
    assertThat(command).contains("tuned VECTOR HNSW 10 TYPE FLOAT32 DIM 4 DISTANCE_METRIC COSINE M 32 EF_RUNTIME 50");
    assertThat(command).contains("plain VECTOR HNSW 6 TYPE FLOAT32 DIM 4 DISTANCE_METRIC COSINE\n");
  }

  /** {@code @Text(stemming = …)} reaches the generated definition; an unstemmed text stays as it was. */
  @Test
  void stemmingIsCarriedIntoTheIndexDefinition() throws IOException {
    JavaFileObject article = source("test.Article", """
        @RedisModel
        public record Article(@Id String id, @Text(stemming = Text.Language.ENGLISH) String body, @Text String title) {}
        """);
    Compilation c = ProcessorTestSupport.compile(article);
    assertThat(c).succeededWithoutWarnings();
    String index = c.generatedSourceFile("test.ArticleIndex").orElseThrow().getCharContent(true).toString();
    assertThat(index).contains("IndexField.text(\"body\").stemmed(Text.Language.ENGLISH)");
    assertThat(index).contains("IndexField.text(\"title\");");
  }
}
