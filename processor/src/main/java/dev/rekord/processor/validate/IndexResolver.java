package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Resolves a component's index annotations to one {@link IndexSpec}: the kind {@code @Indexed}
 * implies, whether the annotation fits the type, and whether a sort order is possible.
 */
final class IndexResolver {
  /** The most dimensions a vector may have (the runtime's {@code VectorIndex.MAX_DIMENSIONS}). */
  private static final int MAX_VECTOR_DIMENSIONS = 32_768;

  private final Annotations annotations;

  IndexResolver(Annotations annotations) {
    this.annotations = annotations;
  }

  /**
   * @param field where problems are reported
   * @param path the component's path for messages, e.g. {@code Member.address.city}
   * @param insideCollection whether the component belongs to a record held in a collection, so
   *     each document has several values of it
   */
  Optional<IndexSpec> resolve(
      Element field,
      ComponentAnnotations found,
      ValueType type,
      String path,
      boolean insideCollection,
      Problems problems) {
    List<AnnotationMirror> kinds = found.indexKinds();
    if (kinds.size() > 1) {
      String names = kinds.stream().map(m -> "@" + Annotations.simpleName(m)).collect(Collectors.joining(" and "));
      problems.add(Problem.on(field, Message.CONFLICTING_INDEXES, path, names));
      return Optional.empty();
    }
    if (kinds.isEmpty() && found.sortable().isEmpty()) {
      return Optional.empty();
    }
    // @Sortable alone means @Indexed(sortable = true).
    AnnotationMirror mirror = kinds.isEmpty() ? found.sortable().orElseThrow() : kinds.get(0);
    IndexAnnotation annotation = kinds.isEmpty() ? IndexAnnotation.INDEXED : IndexAnnotation.of(mirror).orElseThrow();

    boolean collection = type instanceof ValueType.CollectionValue;
    ValueType single = collection ? ((ValueType.CollectionValue) type).element() : type;
    boolean multiValued = collection || insideCollection;

    Optional<IndexKind> kind = annotation.kindFor(single);
    if (kind.isEmpty()) {
      problems.add(Problem.onAnnotation(field, mirror, Message.NOT_INDEXABLE,
          annotation.displayName().substring(1), annotation.indexes(), path, type.typeName(),
          fix(single, multiValued)));
      return Optional.empty();
    }
    if (multiValued && !IndexAnnotation.allowsMultipleValues(kind.get())) {
      problems.add(Problem.onAnnotation(field, mirror, Message.NOT_INDEXABLE_MULTI_VALUED,
          annotation.displayName().substring(1), path, collection ? type.typeName() : "inside a collection of records"));
      return Optional.empty();
    }
    boolean sortable = found.sortable().isPresent()
        || (Annotations.hasMember(mirror, "sortable") && annotations.booleanValue(mirror, "sortable"));
    if (sortable && kind.get() == IndexKind.TEXT) {
      // Text is indexed by its words; the whole string has no index to sort by.
      problems.add(found.sortable().isPresent()
          ? Problem.onAnnotation(field, found.sortable().get(), Message.TEXT_NOT_SORTABLE, path, "@Sortable")
          : Problem.onValue(field, mirror, Annotations.explicitValue(mirror, "sortable").orElseThrow(),
              Message.TEXT_NOT_SORTABLE, path, "`sortable = true`"));
      return Optional.empty();
    }
    if (sortable && (multiValued || kind.get() == IndexKind.GEO || kind.get() == IndexKind.VECTOR)) {
      AnnotationMirror sortableSource = found.sortable().orElse(mirror);
      String why = collection ? "is a collection (" + type.typeName() + ")"
          : insideCollection ? "is inside a collection of records"
          : kind.get() == IndexKind.VECTOR ? "is a vector (queries order by distance: nearest)"
          : "is a geo point";
      problems.add(Problem.onAnnotation(field, sortableSource, Message.NOT_SORTABLE, path, why));
      return Optional.empty();
    }
    if (kind.get() == IndexKind.VECTOR) {
      return vector(field, mirror, path, problems);
    }
    boolean caseSensitive = annotation != IndexAnnotation.TAG || annotations.booleanValue(mirror, "caseSensitive");
    String stemming = annotation == IndexAnnotation.TEXT ? annotations.enumValue(mirror, "stemming") : "NONE";
    return Optional.of(new IndexSpec(kind.get(), sortable, caseSensitive, null,
        stemming.equals("NONE") ? null : stemming));
  }

  /** The settings of a {@code @Vector}, or nothing when its dimensions are out of range. */
  private Optional<IndexSpec> vector(Element field, AnnotationMirror mirror, String path, Problems problems) {
    long dimensions = annotations.longValue(mirror, "dimensions");
    if (dimensions < 1 || dimensions > MAX_VECTOR_DIMENSIONS) {
      problems.add(Problem.onValue(field, mirror, Annotations.explicitValue(mirror, "dimensions").orElseThrow(),
          Message.VECTOR_DIMENSIONS, path, dimensions));
      return Optional.empty();
    }
    String algorithm = annotations.enumValue(mirror, "algorithm");
    int[] settings = new int[HNSW_SETTINGS.size()];
    boolean valid = true;
    for (int i = 0; i < settings.length; i++) {
      String name = HNSW_SETTINGS.get(i);
      Optional<? extends AnnotationValue> given = Annotations.explicitValue(mirror, name);
      if (given.isEmpty()) {
        continue; // 0: the Query Engine's default
      }
      settings[i] = ((Number) given.get().getValue()).intValue();
      if (!algorithm.equals("HNSW")) {
        problems.add(Problem.onValue(field, mirror, given.get(), Message.VECTOR_SETTING, path, name, settings[i],
            "is a setting of an HNSW graph, and " + path + " is " + algorithm + "; use `algorithm ="
            + " Vector.Algorithm.HNSW` or remove `" + name + "`"));
        valid = false;
      } else if (settings[i] < 1) {
        problems.add(Problem.onValue(field, mirror, given.get(), Message.VECTOR_SETTING, path, name, settings[i],
            "must be at least 1; remove it for the Redis Query Engine's default"));
        valid = false;
      }
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(new IndexSpec(IndexKind.VECTOR, false, true, new IndexSpec.VectorSpec((int) dimensions,
        annotations.enumValue(mirror, "distance"), algorithm, settings[0], settings[1], settings[2])));
  }

  /** The {@code @Vector} members that tune an HNSW graph, in {@code VectorSpec}'s order. */
  private static final List<String> HNSW_SETTINGS = List.of("m", "efConstruction", "efRuntime");

  /** The annotations that would index {@code single}, or why nothing can. */
  private static String fix(ValueType single, boolean multiValued) {
    if (single instanceof ValueType.Embedded) {
      return "annotate the components of the record instead";
    }
    List<String> fitting = new ArrayList<>();
    for (IndexAnnotation candidate : IndexAnnotation.values()) {
      Optional<IndexKind> kind = candidate.kindFor(single);
      if (kind.isPresent() && (!multiValued || IndexAnnotation.allowsMultipleValues(kind.get()))) {
        fitting.add(candidate.displayName());
      }
    }
    return fitting.isEmpty()
        ? "remove the annotation, " + single.typeName() + " values cannot be indexed"
        : "use " + String.join(" or ", fitting) + ", or remove the annotation";
  }
}
