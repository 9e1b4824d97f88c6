package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * The rules for {@code @CompoundIndex} (repeatable, so also inside {@code @CompoundIndexes}): at
 * least two fields, each a component of the model named by its Java path, single-valued, the
 * last indexed as a number and the others as tags, none twice; and no compound index twice.
 * Problems are reported on the annotation value that is wrong.
 */
final class CompoundIndexRules {
  private static final String[] ORDINALS = {"first", "second", "third", "fourth", "fifth"};

  private CompoundIndexRules() {}

  /** One declared compound index. */
  private record Declared(AnnotationMirror mirror, AnnotationValue array, List<AnnotationValue> values) {}

  /** A resolved field: the component, and whether a collection of records encloses it. */
  private record Resolved(String path, Property property, boolean inCollection) {}

  /**
   * The compound indexes of {@code record}, checked against its {@code components}; empty after
   * reporting problems.
   */
  static List<CompoundIndexDescription> check(
      TypeElement record, List<PropertiesBuilder.Component> components, Problems problems) {
    List<Declared> declared = declared(record);
    if (declared.isEmpty()) {
      return List.of();
    }
    Fields fields = new Fields(record.getSimpleName().toString(), components);
    List<CompoundIndexDescription> descriptions = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Declared compound : declared) {
      Optional<CompoundIndexDescription> description = check(record, compound, fields, problems);
      if (description.isEmpty()) {
        continue;
      }
      String identity = new TreeSet<>(description.get().tags()) + "|" + description.get().number();
      if (!seen.add(identity)) {
        problems.add(Problem.onAnnotation(record, compound.mirror(), Message.DUPLICATE_COMPOUND_INDEX,
            fields.model(), quoted(description.get().paths())));
      } else {
        descriptions.add(description.get());
      }
    }
    return descriptions;
  }

  private static Optional<CompoundIndexDescription> check(
      TypeElement record, Declared compound, Fields fields, Problems problems) {
    List<AnnotationValue> values = compound.values();
    if (values.size() < 2) {
      String found = values.isEmpty() ? "none" : "only " + quoted(List.of((String) values.get(0).getValue()));
      problems.add(Problem.onValue(record, compound.mirror(), compound.array(), Message.COMPOUND_TOO_FEW_FIELDS,
          fields.model(), found));
      return Optional.empty();
    }
    boolean valid = true;
    Set<String> named = new HashSet<>();
    List<String> paths = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      AnnotationValue value = values.get(i);
      String path = (String) value.getValue();
      Place place = new Place(record, compound.mirror(), value);
      boolean last = i == values.size() - 1;
      int position = i;
      Optional<Problem> problem = !named.add(path)
          ? Optional.of(place.problem(Message.COMPOUND_DUPLICATE_FIELD, fields.model(), path))
          : fields.resolve(path)
              .map(resolved -> problemWith(resolved, position, last, fields, place))
              .orElseGet(() -> fields.isUnresolved(path)
                  ? Optional.empty() // its type could not be resolved: reported already
                  : Optional.of(fields.unknown(path, place)));
      problem.ifPresent(problems::add);
      valid &= problem.isEmpty() && fields.resolve(path).isPresent();
      paths.add(path);
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(new CompoundIndexDescription(paths.subList(0, paths.size() - 1), paths.get(paths.size() - 1)));
  }

  /** Where a problem with one listed field is reported: the annotation value naming it. */
  private record Place(TypeElement record, AnnotationMirror mirror, AnnotationValue value) {
    Problem problem(Message message, Object... args) {
      return Problem.onValue(record, mirror, value, message, args);
    }
  }

  /** What is wrong with the field listed at {@code position}, if anything. */
  private static Optional<Problem> problemWith(
      Resolved field, int position, boolean last, Fields fields, Place place) {
    String path = fields.model() + "." + field.path();
    ValueType type = field.property().type();
    if (type instanceof ValueType.CollectionValue || field.inCollection()) {
      String why = type instanceof ValueType.CollectionValue ? type.typeName().toString() : "inside a collection of records";
      return Optional.of(place.problem(Message.COMPOUND_MULTI_VALUED, path, why));
    }
    Optional<IndexKind> kind = field.property().index().map(IndexSpec::kind);
    IndexKind wanted = last ? IndexKind.NUMERIC : IndexKind.TAG;
    if (kind.isPresent() && kind.get() == wanted) {
      return Optional.empty();
    }
    String which = last ? "last" : position < ORDINALS.length ? ORDINALS[position] : "#" + (position + 1);
    String found = kind.map(CompoundIndexRules::indexedAs).orElse("not indexed");
    String fix;
    if (last) {
      fix = kind.isEmpty() && isNumberLike(type)
          ? "annotate it @Numeric, or end the list with a @Numeric field"
          : "end the list with a @Numeric field" + fields.example(IndexKind.NUMERIC);
    } else if (kind.isPresent() && kind.get() == IndexKind.NUMERIC) {
      fix = "list the @Tag fields first and one @Numeric field last";
    } else if (kind.isEmpty()) {
      fix = "annotate it @Tag, or leave it out";
    } else {
      fix = "use a @Tag field" + fields.example(IndexKind.TAG);
    }
    return Optional.of(place.problem(Message.COMPOUND_FIELD_KIND, which, path, found, fix));
  }

  private static String indexedAs(IndexKind kind) {
    return switch (kind) {
      case TAG -> "a @Tag";
      case NUMERIC -> "indexed as a number";
      case TEXT -> "indexed as full text";
      case GEO -> "indexed as a geo point";
      case VECTOR -> "a @Vector";
    };
  }

  private static boolean isNumberLike(ValueType type) {
    if (!(type instanceof ValueType.Scalar scalar)) {
      return false;
    }
    return switch (scalar.kind().family()) {
      case NUMBER, TEMPORAL, ORDERED -> true;
      default -> false;
    };
  }

  /** {@code {"city", "age"}}. */
  private static String quoted(List<String> paths) {
    return paths.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ", "{", "}"));
  }

  /** Every {@code @CompoundIndex} on the record, written directly or (repeated) in its container. */
  private static List<Declared> declared(TypeElement record) {
    List<AnnotationMirror> mirrors = new ArrayList<>();
    Annotations.find(record, AnnotationNames.COMPOUND_INDEX).ifPresent(mirrors::add);
    Annotations.find(record, AnnotationNames.COMPOUND_INDEXES)
        .flatMap(container -> Annotations.explicitValue(container, "value"))
        .ifPresent(array -> {
          for (Object element : (List<?>) array.getValue()) {
            mirrors.add((AnnotationMirror) ((AnnotationValue) element).getValue());
          }
        });
    List<Declared> declared = new ArrayList<>();
    for (AnnotationMirror mirror : mirrors) {
      AnnotationValue array = Annotations.explicitValue(mirror, "value").orElseThrow();
      List<AnnotationValue> values = new ArrayList<>();
      Object value = array.getValue();
      if (value instanceof List<?> list) {
        list.forEach(element -> values.add((AnnotationValue) element));
      } else {
        values.add(array); // javac gives a single value written without braces as itself
      }
      declared.add(new Declared(mirror, array, values));
    }
    return declared;
  }

  /** The model's components by Java path, for resolving the names a compound index lists. */
  private static final class Fields {
    private final String model;
    private final List<Property> top = new ArrayList<>();
    private final Set<String> unresolved = new HashSet<>();
    /** Every Java path, depth first, with its component and whether it is inside a collection of records. */
    private final Map<String, Resolved> all = new LinkedHashMap<>();

    Fields(String model, List<PropertiesBuilder.Component> components) {
      this.model = model;
      for (PropertiesBuilder.Component component : components) {
        String name = component.path().substring(component.path().lastIndexOf('.') + 1);
        component.property().ifPresentOrElse(top::add, () -> unresolved.add(name));
      }
      walk("", top, false);
    }

    private void walk(String prefix, List<Property> properties, boolean inCollection) {
      for (Property property : properties) {
        String path = prefix + property.name();
        all.put(path, new Resolved(path, property, inCollection));
        ValueType type = property.type();
        if (type instanceof ValueType.Embedded embedded) {
          walk(path + ".", embedded.properties(), inCollection);
        } else if (type instanceof ValueType.CollectionValue collection
            && collection.element() instanceof ValueType.Embedded element) {
          walk(path + ".", element.properties(), true);
        }
      }
    }

    String model() {
      return model;
    }

    Optional<Resolved> resolve(String path) {
      return Optional.ofNullable(all.get(path));
    }

    /** Whether {@code path} starts at a component whose type could not be resolved (reported already). */
    boolean isUnresolved(String path) {
      int dot = path.indexOf('.');
      return unresolved.contains(dot < 0 ? path : path.substring(0, dot));
    }

    /** The problem of a name that is no component, with the nearest name to suggest. */
    Problem unknown(String path, Place place) {
      Optional<String> stored = all.values().stream()
          .filter(field -> storedPath(field.path()).equals(path) && !field.path().equals(path))
          .map(Resolved::path)
          .findFirst();
      String fix = stored.map(name -> "\"" + path + "\" is the stored name of \"" + name + "\"; name it \"" + name + "\"")
          .or(() -> Similar.mostSimilar(path, all.keySet()).map(name -> "did you mean \"" + name + "\"?"))
          .orElseGet(() -> "name one of " + all.values().stream().filter(Fields::fits)
              .map(field -> "\"" + field.path() + "\"").collect(Collectors.joining(", ")));
      return place.problem(Message.COMPOUND_UNKNOWN_FIELD, model, path, fix);
    }

    /** The stored (dotted) path of the component at Java path {@code path}. */
    private String storedPath(String path) {
      StringBuilder stored = new StringBuilder();
      StringBuilder java = new StringBuilder();
      for (String segment : path.split("\\.")) {
        java.append(java.length() == 0 ? "" : ".").append(segment);
        if (stored.length() > 0) {
          stored.append('.');
        }
        stored.append(all.get(java.toString()).property().storedName());
      }
      return stored.toString();
    }

    /** Whether a compound index can list the field: a single-valued tag or number. */
    private static boolean fits(Resolved field) {
      IndexKind kind = field.property().index().map(IndexSpec::kind).orElse(null);
      return !field.inCollection() && !(field.property().type() instanceof ValueType.CollectionValue)
          && (kind == IndexKind.TAG || kind == IndexKind.NUMERIC);
    }

    /** {@code , e.g. "age"}: the first single-valued field indexed as {@code kind}, if any. */
    String example(IndexKind kind) {
      return all.values().stream()
          .filter(Fields::fits)
          .filter(field -> field.property().index().map(IndexSpec::kind).orElse(null) == kind)
          .map(field -> ", e.g. \"" + field.path() + "\"")
          .findFirst()
          .orElse("");
    }
  }
}
