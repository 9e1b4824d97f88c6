package dev.rekord.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Reporter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Registers every model of the compilation for {@link java.util.ServiceLoader}: writes {@value
 * #SERVICES_FILE} listing each record's generated {@code …Model} class, sorted. Aggregating, and
 * separate from {@link RekordProcessor} so that processor can stay isolating.
 */
@AutoService(Processor.class)
public final class RekordRegistryProcessor extends AbstractProcessor {
  static final String SERVICES_FILE = "META-INF/services/dev.rekord.model.RekordModel";

  /** Qualified names of every {@code @RedisModel} record seen, over all rounds. */
  private final SortedSet<String> records = new TreeSet<>();

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
    TypeElement redisModel = processingEnv.getElementUtils().getTypeElement(RekordProcessor.REDIS_MODEL);
    if (redisModel != null) {
      for (Element element : round.getElementsAnnotatedWith(redisModel)) {
        // Non-records and local records are RekordProcessor's errors to report.
        if (element.getKind() == ElementKind.RECORD && element instanceof TypeElement type
            && type.getQualifiedName().length() > 0) {
          records.add(type.getQualifiedName().toString());
        }
      }
    }
    if (round.processingOver() && !records.isEmpty()) {
      writeServicesFile();
    }
    return false;
  }

  private void writeServicesFile() {
    SortedSet<String> models = new TreeSet<>();
    List<Element> originating = new ArrayList<>();
    for (String name : records) {
      TypeElement record = processingEnv.getElementUtils().getTypeElement(name);
      if (record != null) {
        ClassName type = ClassName.get(record);
        models.add(ClassName.get(type.packageName(), type.simpleName() + "Model").reflectionName());
        originating.add(record);
      }
    }
    try {
      FileObject file = processingEnv.getFiler().createResource(
          StandardLocation.CLASS_OUTPUT, "", SERVICES_FILE, originating.toArray(Element[]::new));
      try (Writer out = new OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
        for (String model : models) {
          out.write(model);
          out.write('\n');
        }
      }
    } catch (IOException e) {
      new Reporter(processingEnv.getMessager()).error(Message.WRITE_FAILED, SERVICES_FILE, e);
    }
  }
}
