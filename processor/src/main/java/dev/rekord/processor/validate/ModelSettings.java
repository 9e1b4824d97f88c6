package dev.rekord.processor.validate;

import dev.rekord.annotations.Storage;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * The values of {@code @RedisModel}, checked.
 *
 * @param keyPrefix the prefix written, or the record's name in kebab case
 */
record ModelSettings(String keyPrefix, Storage storage, long ttlSeconds, boolean refreshTtlOnRead) {

  static ModelSettings read(TypeElement record, AnnotationMirror redisModel, Annotations annotations, Problems problems) {
    String name = record.getSimpleName().toString();
    String defaultPrefix = RedisNames.kebabCase(name);
    String written = annotations.stringValue(redisModel, "prefix");
    String prefix = written.isEmpty() ? defaultPrefix : written;
    if (!RedisNames.isValidPrefix(prefix)) {
      String suggestion = RedisNames.suggestPrefix(prefix, "model");
      problems.add(Annotations.explicitValue(redisModel, "prefix")
          .map(value -> Problem.onValue(record, redisModel, value, Message.INVALID_PREFIX, name, prefix, suggestion))
          .orElseGet(() -> Problem.onAnnotation(record, redisModel, Message.INVALID_PREFIX, name, prefix, suggestion)));
    }
    long ttlSeconds = annotations.longValue(redisModel, "ttlSeconds");
    if (ttlSeconds < 0) {
      AnnotationValue value = Annotations.explicitValue(redisModel, "ttlSeconds").orElseThrow();
      problems.add(Problem.onValue(record, redisModel, value, Message.INVALID_TTL, name, ttlSeconds));
    }
    boolean refreshTtlOnRead = annotations.booleanValue(redisModel, "refreshTtlOnRead");
    if (refreshTtlOnRead && ttlSeconds == 0) {
      AnnotationValue value = Annotations.explicitValue(redisModel, "refreshTtlOnRead").orElseThrow();
      problems.add(Problem.onValue(record, redisModel, value, Message.REFRESH_WITHOUT_TTL, name));
    }
    Storage storage = Storage.valueOf(annotations.enumValue(redisModel, "storage"));
    return new ModelSettings(prefix, storage, ttlSeconds, refreshTtlOnRead);
  }
}
