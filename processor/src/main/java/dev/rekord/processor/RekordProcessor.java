package dev.rekord.processor;

import com.google.auto.service.AutoService;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Reporter;
import dev.rekord.processor.generate.Generators;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.validate.BuildResult;
import dev.rekord.processor.validate.LocalModels;
import dev.rekord.processor.validate.ModelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The Rekord annotation processor: for each {@code @RedisModel} record, validates it, builds its
 * model description and writes the generated sources. Isolating: each model's files depend on its
 * record only.
 *
 * <p>A broken model abandons that model only. A model whose component types do not exist yet
 * (another processor may generate them) is retried next round and reported if still missing when
 * processing is over.
 *
 * <p>It asks for every round ({@code "*"}), not only those with a {@code @RedisModel} it can see:
 * a model declared inside a method is not an element of any round, and is found in the source
 * ({@link LocalModels}). It claims nothing: {@link RekordRegistryProcessor}, which runs after it,
 * claims Rekord's annotations once both have seen them.
 */
@AutoService(Processor.class)
public final class RekordProcessor extends AbstractProcessor {
  /** Writes the generated sources of one valid model; {@code Generators::writeAll} outside tests. */
  @FunctionalInterface
  interface ModelGenerator {
    void generate(ModelDescription model, TypeElement record, Filer filer) throws IOException;
  }

  static final String REDIS_MODEL = "dev.rekord.annotations.RedisModel";

  private final ModelGenerator generator;
  /** Qualified names of models waiting for a missing type, with that type. */
  private final Map<String, String> deferred = new LinkedHashMap<>();
  private final Set<String> generatedTypes = new HashSet<>();
  private ModelBuilder builder;
  private Reporter reporter;
  private LocalModels localModels;

  public RekordProcessor() {
    this(Generators::writeAll);
  }

  /** For tests: a processor that hands valid models to {@code generator}. */
  RekordProcessor(ModelGenerator generator) {
    this.generator = generator;
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    builder = new ModelBuilder(env.getElementUtils(), generatedTypes::contains);
    reporter = new Reporter(env);
    localModels = LocalModels.of(env);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    retryDeferred();
    localModels.report(round.getRootElements());
    TypeElement redisModel = processingEnv.getElementUtils().getTypeElement(REDIS_MODEL);
    if (redisModel != null) {
      for (Element element : round.getElementsAnnotatedWith(redisModel)) {
        if (element instanceof TypeElement type) {
          process(type);
        }
      }
    }
    if (round.processingOver()) {
      reportStillDeferred();
    }
    return false;
  }

  /** Earlier rounds' models are looked up again by name: elements do not outlive their round. */
  private void retryDeferred() {
    List<String> names = List.copyOf(deferred.keySet());
    deferred.clear();
    for (String name : names) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        process(type);
      }
    }
  }

  private void process(TypeElement type) {
    try {
      BuildResult result = builder.build(type);
      if (result instanceof BuildResult.Built built) {
        write(built.model(), type);
      } else if (result instanceof BuildResult.Invalid invalid) {
        reporter.reportAll(invalid.problems());
      } else if (result instanceof BuildResult.Unresolved unresolved) {
        deferred.put(type.getQualifiedName().toString(), unresolved.missingType());
      }
    } catch (RuntimeException e) {
      // A bug in Rekord must not become a stack trace out of javac.
      reporter.error(type, Message.UNEXPECTED_ERROR, type.getQualifiedName(), stackTrace(e));
    }
  }

  private void write(ModelDescription model, TypeElement type) {
    for (String suffix : ModelBuilder.GENERATED_SUFFIXES) {
      generatedTypes.add(model.generated(suffix).canonicalName());
    }
    try {
      generator.generate(model, type, processingEnv.getFiler());
    } catch (IOException e) {
      reporter.error(type, Message.WRITE_FAILED, "the sources of " + model.name(), e);
    }
  }

  private void reportStillDeferred() {
    deferred.forEach((name, missingType) -> {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        reporter.error(type, Message.UNRESOLVED_TYPE, type.getSimpleName(), missingType);
      } else {
        reporter.error(Message.UNRESOLVED_TYPE, name, missingType);
      }
    });
    deferred.clear();
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
