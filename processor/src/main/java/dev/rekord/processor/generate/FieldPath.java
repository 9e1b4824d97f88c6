package dev.rekord.processor.generate;

import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where one component sits in a model: the chain of components from the model down to it, e.g.
 * {@code emergency → address → city}. Embedded records and collections of records nest.
 *
 * @param chain the components from the model's own component to this one, never empty
 */
record FieldPath(List<Property> chain) {

  private static final Pattern PLAIN_JSON_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  FieldPath {
    chain = List.copyOf(chain);
  }

  /** Calls {@code visitor} with every component of {@code properties}, depth first, in declaration order. */
  static void walk(List<Property> properties, Consumer<FieldPath> visitor) {
    walk(List.of(), properties, visitor);
  }

  private static void walk(List<Property> parent, List<Property> properties, Consumer<FieldPath> visitor) {
    for (Property property : properties) {
      List<Property> chain = new ArrayList<>(parent);
      chain.add(property);
      visitor.accept(new FieldPath(chain));
      nestedRecord(property.type()).ifPresent(nested -> walk(chain, nested.properties(), visitor));
    }
  }

  /** The embedded record, or the record in a collection of records; empty for any other type. */
  static Optional<ValueType.Embedded> nestedRecord(ValueType type) {
    if (type instanceof ValueType.Embedded embedded) {
      return Optional.of(embedded);
    }
    if (type instanceof ValueType.CollectionValue collection
        && collection.element() instanceof ValueType.Embedded element) {
      return Optional.of(element);
    }
    return Optional.empty();
  }

  /** The component itself. */
  Property property() {
    return chain.get(chain.size() - 1);
  }

  /** The path of the stored field: {@code emergency.address.city}. */
  String storedPath() {
    return chain.stream().map(Property::storedName).collect(Collectors.joining("."));
  }

  /** The path of Java component names: {@code emergency.address.city}. */
  String javaPath() {
    return chain.stream().map(Property::name).collect(Collectors.joining("."));
  }

  /** Whether an enclosing component is a collection (of records), so the field has one value per element. */
  boolean inCollection() {
    return chain.subList(0, chain.size() - 1).stream().anyMatch(p -> p.type() instanceof ValueType.CollectionValue);
  }

  /** Whether the field holds several values: a collection itself, or inside a collection of records. */
  boolean multiValued() {
    return inCollection() || property().type() instanceof ValueType.CollectionValue;
  }

  /** The JSONPath of every value of the field: {@code $.lines[*].sku}, {@code $.tags[*]}. */
  String jsonPath() {
    StringBuilder path = new StringBuilder("$");
    for (Property property : chain) {
      String name = property.storedName();
      path.append(PLAIN_JSON_NAME.matcher(name).matches() ? "." + name : "[\"" + name + "\"]");
      if (property.type() instanceof ValueType.CollectionValue) {
        path.append("[*]");
      }
    }
    return path.toString();
  }
}
