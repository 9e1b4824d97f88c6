package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code Member_}, the static metamodel: one typed field per component ({@link
 * MetamodelFields}), and for an embedded record or a collection of records a field holding an
 * instance of a nested class named after the component path ({@code address} → {@code Address_},
 * {@code emergency.address} → {@code EmergencyAddress_}) with the record's fields.
 */
final class MetamodelWriter extends SourceFileWriter {

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    return new Writing(model).metamodel();
  }

  /** The state of writing one metamodel. */
  private static final class Writing {
    private final ModelDescription model;
    private final ClassName metamodel;
    private final CodecConstants codecs;
    private final ClassName indexClass;
    private final Map<List<Property>, IndexedField> indexedByChain = new HashMap<>();
    private final NameAllocator nestedNames = new NameAllocator();
    private final List<TypeSpec> nestedClasses = new ArrayList<>();

    Writing(ModelDescription model) {
      this.model = model;
      this.metamodel = model.generated("_");
      this.codecs = CodecConstants.of(model);
      this.indexClass = model.generated("Index");
      for (IndexedField field : IndexedField.of(model)) {
        indexedByChain.put(field.path().chain(), field);
      }
      nestedNames.newName(metamodel.simpleName());
    }

    TypeSpec.Builder metamodel() {
      TypeSpec.Builder type = TypeSpec.classBuilder(metamodel)
          .addJavadoc("Static metamodel for {@link $T}: typed fields for queries.", model.recordType())
          .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
      NameAllocator fieldNames = new NameAllocator();
      for (Property property : model.properties()) {
        fieldNames.newName(property.name());
      }
      type.addFields(fields(List.of(), model.properties(), true));
      type.addField(FieldSpec.builder(RuntimeTypes.INDEX_DEFINITION, fieldNames.newName("INDEX"), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("The index definition of {@link $T}.", model.recordType())
          .initializer("$T.$N", indexClass, IndexedField.DEFINITION)
          .build());
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      return type.addTypes(nestedClasses);
    }

    /** The fields of the components in {@code properties}; static on the metamodel, instance fields on nested classes. */
    private List<FieldSpec> fields(List<Property> parent, List<Property> properties, boolean top) {
      List<FieldSpec> fields = new ArrayList<>();
      for (Property property : properties) {
        List<Property> chain = new ArrayList<>(parent);
        chain.add(property);
        FieldPath path = new FieldPath(chain);
        FieldSpec.Builder field = field(path);
        field.addModifiers(Modifier.PUBLIC);
        if (top) {
          field.addModifiers(Modifier.STATIC);
          field.addJavadoc("Static metamodel for {@link $T#$L}.", model.recordType(), property.name());
        } else {
          field.addJavadoc("Static metamodel for {@code $L}.", path.storedPath());
        }
        fields.add(field.addModifiers(Modifier.FINAL).build());
      }
      return fields;
    }

    private FieldSpec.Builder field(FieldPath path) {
      Property property = path.property();
      Optional<ValueType.Embedded> nested = FieldPath.nestedRecord(property.type());
      if (nested.isPresent()) {
        ClassName nestedClass = nestedClass(path, nested.get());
        return FieldSpec.builder(nestedClass, property.name()).initializer("new $T()", nestedClass);
      }
      MetamodelFields.Field field =
          MetamodelFields.of(model.recordType(), path, codecs, indexClass, indexedByChain.get(path.chain()));
      return FieldSpec.builder(field.type(), property.name()).initializer(field.initializer());
    }

    private ClassName nestedClass(FieldPath path, ValueType.Embedded record) {
      ClassName name = metamodel.nestedClass(nestedNames.newName(JavaNames.upperCamel(path.javaPath()) + "_"));
      int position = nestedClasses.size();
      List<FieldSpec> fields = fields(path.chain(), record.properties(), false);
      nestedClasses.add(
          position,
          TypeSpec.classBuilder(name)
              .addJavadoc(
                  "Static metamodel for the {@link $T} at {@code $L}.", record.typeName(), path.storedPath())
              .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addFields(fields)
              .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
              .build());
      return name;
    }
  }
}
