package dev.rekord.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.validate.BuildResult;
import dev.rekord.processor.validate.ModelBuilder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;

/** Compiles test sources with the Rekord processors, for tests of any processor package. */
public final class ProcessorTestSupport {
  /** The imports every test source may need. */
  public static final String IMPORTS = """
      import dev.rekord.annotations.*;
      import dev.rekord.annotations.Vector; // not java.util.Vector
      import dev.rekord.model.GeoPoint;
      import java.math.*;
      import java.time.*;
      import java.util.*;
      """;

  private ProcessorTestSupport() {}

  /** A source file {@code qualifiedName} with {@code body} after the package line and {@link #IMPORTS}. */
  public static JavaFileObject source(String qualifiedName, String body) {
    int dot = qualifiedName.lastIndexOf('.');
    String header = dot < 0 ? "" : "package " + qualifiedName.substring(0, dot) + ";\n";
    return JavaFileObjects.forSourceString(qualifiedName, header + IMPORTS + body);
  }

  /** Compiles with the real processors: validation, the writers and the registry. */
  public static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RekordProcessor(), new RekordRegistryProcessor()).compile(sources);
  }

  /**
   * The processor's front-end only: models that pass validation are added to {@code built}
   * instead of being written.
   */
  public static Processor validatingProcessor(List<ModelDescription> built) {
    return new RekordProcessor((model, record, filer) -> built.add(model));
  }

  /** A {@link RekordProcessor} whose writer fails with {@code failure} (an IOException or unchecked). */
  public static Processor processorFailingWith(Exception failure) {
    return new RekordProcessor((model, record, filer) -> {
      if (failure instanceof IOException io) {
        throw io;
      }
      throw (RuntimeException) failure;
    });
  }

  /** Compiles with the front-end only (see {@link #validatingProcessor}) plus {@code others}. */
  public static Validated validate(List<Processor> others, JavaFileObject... sources) {
    List<ModelDescription> built = new ArrayList<>();
    List<Processor> processors = new ArrayList<>(others);
    processors.add(0, validatingProcessor(built));
    Compilation compilation = javac().withProcessors(processors).compile(sources);
    return new Validated(compilation, built);
  }

  public static Validated validate(JavaFileObject... sources) {
    return validate(List.of(), sources);
  }

  /** A compilation and the model descriptions the front-end built in it. */
  public record Validated(Compilation compilation, List<ModelDescription> models) {
    public ModelDescription model(String simpleName) {
      return models.stream().filter(m -> m.name().equals(simpleName)).findFirst()
          .orElseThrow(() -> new AssertionError("no model " + simpleName + " in " + models));
    }
  }

  /** Drives {@link ModelBuilder} directly, without the processor around it. */
  public static Map<String, BuildResult> buildModels(JavaFileObject... sources) {
    ModelBuilderProcessor processor = new ModelBuilderProcessor();
    Compilation compilation = javac().withProcessors(processor).compile(sources);
    if (processor.results.isEmpty()) {
      throw new AssertionError("no @RedisModel found: " + compilation.diagnostics());
    }
    return processor.results;
  }

  /** The tiny processor behind {@link #buildModels}: one {@link BuildResult} per simple name. */
  private static final class ModelBuilderProcessor extends AbstractProcessor {
    final Map<String, BuildResult> results = new LinkedHashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(RekordProcessor.REDIS_MODEL);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      ModelBuilder builder = new ModelBuilder(processingEnv.getElementUtils());
      for (TypeElement annotation : annotations) {
        for (Element element : round.getElementsAnnotatedWith(annotation)) {
          results.put(element.getSimpleName().toString(), builder.build((TypeElement) element));
        }
      }
      return false;
    }
  }
}
