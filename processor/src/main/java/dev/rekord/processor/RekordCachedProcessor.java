package dev.rekord.processor;

import com.google.auto.service.AutoService;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Reporter;
import dev.rekord.processor.generate.CachedDecoratorWriter;
import dev.rekord.processor.validate.AnnotationNames;
import dev.rekord.processor.validate.CachedServiceBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Generates the caching decorator ({@code ProfileServiceCached}) of every interface with {@code
 * @Cached} methods. Isolating: a decorator depends on its interface only. Claims nothing: {@link
 * RekordRegistryProcessor}, which runs after it, claims {@code @Cached}.
 */
@AutoService(Processor.class)
public final class RekordCachedProcessor extends AbstractProcessor {

  private CachedServiceBuilder builder;
  private Reporter reporter;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(AnnotationNames.CACHED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public synchronized void init(ProcessingEnvironment env) {
    super.init(env);
    builder = new CachedServiceBuilder(env.getElementUtils(), env.getTypeUtils());
    reporter = new Reporter(env);
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement cached = processingEnv.getElementUtils().getTypeElement(AnnotationNames.CACHED);
    if (cached == null) {
      return false;
    }
    Set<TypeElement> interfaces = new LinkedHashSet<>();
    for (Element element : round.getElementsAnnotatedWith(cached)) {
      if (element instanceof ExecutableElement method) {
        List<dev.rekord.processor.diag.Problem> misplaced = builder.checkPlacement(method);
        if (!misplaced.isEmpty()) {
          reporter.reportAll(misplaced);
        } else if (method.getEnclosingElement().getKind() == ElementKind.INTERFACE) {
          interfaces.add((TypeElement) method.getEnclosingElement());
        }
      }
    }
    interfaces.forEach(this::process);
    return false;
  }

  private void process(TypeElement iface) {
    try {
      CachedServiceBuilder.Result result = builder.build(iface);
      if (!result.problems().isEmpty()) {
        reporter.reportAll(result.problems());
        return;
      }
      CachedDecoratorWriter.write(result.service(), iface).writeTo(processingEnv.getFiler());
    } catch (IOException e) {
      reporter.error(iface, Message.WRITE_FAILED, "the caching decorator of " + iface.getSimpleName(), e);
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      reporter.error(iface, Message.UNEXPECTED_ERROR, iface.getQualifiedName(), trace);
    }
  }
}
