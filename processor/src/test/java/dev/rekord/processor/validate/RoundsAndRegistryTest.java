package dev.rekord.processor.validate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.rekord.processor.ProcessorTestSupport;
import dev.rekord.processor.RekordRegistryProcessor;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.ValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/** Models that wait for a type generated in a later round, and the registry of all models. */
class RoundsAndRegistryTest {

  /** Stands in for another processor: generates {@code test.Money} in its first round. */
  private static final class MoneyGenerator extends AbstractProcessor {
    private boolean generated;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!generated) {
        generated = true;
        try (Writer out = processingEnv.getFiler().createSourceFile("test.Money").openWriter()) {
          out.write("package test;\npublic record Money(java.math.BigDecimal amount, @dev.rekord.annotations.Tag String currency) {}\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void modelWaitsForATypeGeneratedInALaterRound() {
    JavaFileObject member = source("test.Member", """
        @RedisModel
        public record Member(@Id String id, Money balance, List<Money> history) {}
        """);
    ProcessorTestSupport.Validated validated =
        ProcessorTestSupport.validate(List.of(new MoneyGenerator()), member);
    assertThat(validated.compilation()).succeededWithoutWarnings();
    ModelDescription model = validated.model("Member");
    ValueType.Embedded money = (ValueType.Embedded) model.properties().get(1).type();
    assertThat(money.typeName().canonicalName()).isEqualTo("test.Money");
    assertThat(money.properties().get(1).index()).isPresent();
    assertThat(((ValueType.CollectionValue) model.properties().get(2).type()).element()).isEqualTo(money);
  }

  @Test
  void registryListsEveryModelSorted() throws IOException {
    List<ModelDescription> built = new ArrayList<>();
    Compilation c = Compiler.javac()
        .withProcessors(ProcessorTestSupport.validatingProcessor(built), new RekordRegistryProcessor())
        .compile(
            source("b.Zeta", "@RedisModel\npublic record Zeta(@Id String id) {}\n"),
            source("a.Alpha", "@RedisModel\npublic record Alpha(@Id String id) {}\n"),
            source("a.Outer", "public class Outer {\n  @RedisModel\n  public record Inner(@Id long id) {}\n}\n"),
            source("a.Plain", "public record Plain(String name) {}\n"));
    assertThat(c).succeededWithoutWarnings();
    String services = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.rekord.model.RekordModel")
        .orElseThrow().getCharContent(true).toString();
    assertThat(services).isEqualTo("a.AlphaModel\na.InnerModel\nb.ZetaModel\n");
  }

  @Test
  void registryIncludesModelsOfLaterRounds() throws IOException {
    List<ModelDescription> built = new ArrayList<>();
    Compilation c = Compiler.javac()
        // before the registry: a "*" processor after it sees no annotation the registry claimed
        .withProcessors(ProcessorTestSupport.validatingProcessor(built), new MoneyGenerator(), new RekordRegistryProcessor())
        .compile(source("test.Member", "@RedisModel\npublic record Member(@Id String id, Money balance) {}\n"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(built).hasSize(1);
    String services = c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.rekord.model.RekordModel")
        .orElseThrow().getCharContent(true).toString();
    assertThat(services).isEqualTo("test.MemberModel\n");
  }

  @Test
  void noModelsNoRegistry() {
    Compilation c = Compiler.javac().withProcessors(new RekordRegistryProcessor())
        .compile(source("a.Plain", "public record Plain(String name) {}\n"));
    assertThat(c).succeededWithoutWarnings();
    assertThat(c.generatedFile(StandardLocation.CLASS_OUTPUT, "META-INF/services/dev.rekord.model.RekordModel"))
        .isEmpty();
  }
}
