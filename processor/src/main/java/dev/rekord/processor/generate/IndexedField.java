package dev.rekord.processor.generate;

import com.palantir.javapoet.NameAllocator;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import java.util.ArrayList;
import java.util.List;

/**
 * One indexed field of a model, with the name of its constant in {@code MemberIndex}. The
 * metamodel, the index definition, the fingerprint and the {@code FT.CREATE} resource all read this
 * one list, so they agree on order and names.
 *
 * @param path where the component sits
 * @param spec how it is indexed
 * @param constant the {@code IndexField} constant: UPPER_SNAKE of the dotted Java path
 */
record IndexedField(FieldPath path, IndexSpec spec, String constant) {

  /** The name of the {@code IndexDefinition} constant in {@code MemberIndex}. */
  static final String DEFINITION = "DEFINITION";

  /** The indexed fields of {@code model}, depth first in declaration order. */
  static List<IndexedField> of(ModelDescription model) {
    NameAllocator constants = new NameAllocator();
    constants.newName(DEFINITION);
    List<IndexedField> fields = new ArrayList<>();
    FieldPath.walk(
        model.properties(),
        path ->
            path.property()
                .index()
                .ifPresent(
                    spec -> {
                      String constant = constants.newName(JavaNames.upperSnake(path.javaPath()), path);
                      fields.add(new IndexedField(path, spec, constant));
                    }));
    return List.copyOf(fields);
  }

  /** The index name of {@code model}: {@code <prefix>-idx}. */
  static String indexName(ModelDescription model) {
    return model.keyPrefix() + "-idx";
  }
}
