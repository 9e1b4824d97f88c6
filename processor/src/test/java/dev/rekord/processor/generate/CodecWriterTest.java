package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.RekordProcessor;
import dev.rekord.processor.RekordRegistryProcessor;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A codec has the form of its model's storage only: a hash model gets no JSON codec of itself nor
 * of the records it flattens, but keeps those of every record inside a collection (a hash field
 * holds a collection as JSON text), with the records those embed; a JSON model gets no hash
 * methods. Compiled by the real processor with every lint warning an error.
 */
class CodecWriterTest {

  private static final JavaFileObject LEG = source("test.Leg", """
      public record Leg(String from, Point start, List<Stop> stops) {}
      """);
  private static final JavaFileObject STOP = source("test.Stop", """
      public record Stop(@Tag String city, Point at) {}
      """);
  private static final JavaFileObject POINT = source("test.Point", """
      public record Point(int x, int y) {}
      """);

  private static Compilation compile(JavaFileObject model) {
    Compilation c = javac()
        .withProcessors(new RekordProcessor(), new RekordRegistryProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(model, LEG, STOP, POINT);
    assertThat(c).succeededWithoutWarnings();
    return c;
  }

  private static String codec(Compilation c, String name) throws IOException {
    return c.generatedSourceFile("test." + name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void aHashCodecKeepsTheJsonCodecsOfRecordsInCollectionsOnly() throws IOException {
    Compilation c = compile(source("test.Route", """
        @RedisModel(prefix = "route")
        public record Route(@Id String id, Leg leg) {}
        """));

    String codec = codec(c, "RouteCodec");
    assertThat(codec).contains("Hash codec of {@link Route}.");
    assertThat(codec).contains("public Map<String, String> toHash(Route value)");
    assertThat(codec).contains("private static void writeLeg(HashWriter hash, Leg value)");
    assertThat(codec).contains("private static void writeLegStart(HashWriter hash, Point value)");
    // leg.start is flattened, but leg.stops is a collection: JSON text, with the Point of each Stop
    assertThat(codec).contains("static final RecordCodec<Stop> STOP_JSON = new StopJson();");
    assertThat(codec).contains("static final RecordCodec<Point> POINT_JSON = new PointJson();");
    assertThat(codec).contains("private static final class StopJson extends RecordCodec<Stop>");
    assertThat(codec).contains("private static final class PointJson extends RecordCodec<Point>");
    assertThat(codec).doesNotContain("RouteJson");
    assertThat(codec).doesNotContain("LegJson");
    assertThat(codec).doesNotContain("toJson");
    assertThat(codec).doesNotContain("fromJson");
  }

  @Test
  void aJsonCodecHasNoHashForm() throws IOException {
    Compilation c = compile(source("test.Journey", """
        @RedisModel(prefix = "journey", storage = Storage.JSON)
        public record Journey(@Id String id, Leg leg, List<Point> corners) {}
        """));

    String codec = codec(c, "JourneyCodec");
    assertThat(codec).contains("JSON codec of {@link Journey}.");
    assertThat(codec).contains("public String toJson(Journey value)");
    assertThat(codec).contains("public Journey fromJson(String key, String json)");
    for (String record : new String[] {"JourneyJson", "LegJson", "StopJson", "PointJson"}) {
      assertThat(codec).contains("private static final class " + record);
    }
    assertThat(codec).doesNotContain("toHash");
    assertThat(codec).doesNotContain("fromHash");
    assertThat(codec).doesNotContain("HashWriter");
    assertThat(codec).doesNotContain("HashReader");
  }
}
