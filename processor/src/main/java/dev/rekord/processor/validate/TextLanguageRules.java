package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * The stemmed texts of a model ({@code @Text(stemming = …)}, embedded records included) share one
 * language: the Redis Query Engine stems a whole index in the {@code LANGUAGE} of its {@code
 * FT.CREATE}.
 */
final class TextLanguageRules {
  private TextLanguageRules() {}

  static void check(TypeElement record, List<PropertiesBuilder.Component> components, Problems problems) {
    Stemmed first = null;
    for (PropertiesBuilder.Component component : components) {
      if (component.property().isEmpty()) {
        continue;
      }
      Stemmed found = stemmed(component.path(), component.property().get());
      if (found == null) {
        continue;
      }
      if (first == null) {
        first = found;
      } else if (!first.language().equals(found.language())) {
        problems.add(Problem.on(component.field(), Message.MIXED_TEXT_LANGUAGES, record.getSimpleName(),
            first.path(), first.language(), found.path(), found.language()));
      }
    }
  }

  private record Stemmed(String path, String language) {}

  /** The first stemmed text at or under {@code property} (whose path is {@code path}), or {@code null}. */
  private static Stemmed stemmed(String path, Property property) {
    IndexSpec spec = property.index().orElse(null);
    if (spec != null && spec.stemming() != null) {
      return new Stemmed(path, spec.stemming());
    }
    ValueType type = property.type();
    if (type instanceof ValueType.CollectionValue collection) {
      type = collection.element();
    }
    if (type instanceof ValueType.Embedded embedded) {
      for (Property inner : embedded.properties()) {
        Stemmed found = stemmed(path + "." + inner.name(), inner);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
