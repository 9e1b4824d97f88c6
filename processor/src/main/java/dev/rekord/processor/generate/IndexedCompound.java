package dev.rekord.processor.generate;

import com.palantir.javapoet.NameAllocator;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.ModelDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * One compound index of a model, with its fields as {@link IndexedField}s and the name of its
 * constant in {@code MemberIndex}. The index definition, the codec's {@code indexValues}, the
 * fingerprint and the {@code FT.CREATE} resource all read this one list.
 *
 * @param tags the tag fields, in declared order
 * @param number the numeric field
 * @param constant the {@code CompoundIndex} constant: UPPER_SNAKE of the Java paths, e.g. {@code
 *     CITY_AGE}; never one of the field constants
 */
record IndexedCompound(List<IndexedField> tags, IndexedField number, String constant) {

  IndexedCompound {
    tags = List.copyOf(tags);
  }

  /** The compound indexes of {@code model}, in declaration order. */
  static List<IndexedCompound> of(ModelDescription model) {
    List<IndexedField> fields = IndexedField.of(model);
    NameAllocator constants = new NameAllocator();
    constants.newName(IndexedField.DEFINITION);
    for (IndexedField field : fields) {
      constants.newName(field.constant());
    }
    List<IndexedCompound> compounds = new ArrayList<>();
    for (CompoundIndexDescription description : model.compoundIndexes()) {
      List<IndexedField> tags = description.tags().stream().map(path -> field(fields, path)).toList();
      String constant = constants.newName(JavaNames.upperSnake(String.join("_", description.paths())), description);
      compounds.add(new IndexedCompound(tags, field(fields, description.number()), constant));
    }
    return List.copyOf(compounds);
  }

  /** The name in key names, as the runtime's {@code CompoundIndex.name()}: stored paths joined by {@code +}. */
  String name() {
    StringBuilder name = new StringBuilder();
    for (IndexedField tag : tags) {
      name.append(tag.path().storedPath()).append('+');
    }
    return name.append(number.path().storedPath()).toString();
  }

  /** Whether a document can lack the number: a boxed type, or a component of an embedded record. */
  boolean numberNullable() {
    return number.path().chain().size() > 1 || !number.path().property().type().typeName().isPrimitive();
  }

  /** Every field, the tags first. */
  List<IndexedField> fields() {
    List<IndexedField> all = new ArrayList<>(tags);
    all.add(number);
    return all;
  }

  private static IndexedField field(List<IndexedField> fields, String javaPath) {
    return fields.stream()
        .filter(field -> field.path().javaPath().equals(javaPath))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a compound index names " + javaPath + ", which is not indexed"));
  }
}
