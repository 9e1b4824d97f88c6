package dev.rekord.processor.model;

import com.palantir.javapoet.ClassName;
import dev.rekord.annotations.Storage;
import java.util.List;
import java.util.Optional;

/**
 * Everything the writers need to know of one {@code @RedisModel} record: built by validation from
 * the javac elements, immutable, and free of javac types so writers can be tested on hand-built
 * descriptions.
 *
 * @param recordType the record, e.g. {@code com.acme.Member}
 * @param keyPrefix the key prefix without trailing colon, e.g. {@code member}
 * @param storage hash or JSON
 * @param ttlSeconds the default time to live; 0 for none
 * @param properties the record's components, in declaration order (the id and version included)
 * @param compoundIndexes the {@code @CompoundIndex}es, in declaration order
 * @param refreshTtlOnRead whether a read restarts a document's expiry at the default time to live
 */
public record ModelDescription(
    ClassName recordType, String keyPrefix, Storage storage, long ttlSeconds, List<Property> properties,
    List<CompoundIndexDescription> compoundIndexes, boolean refreshTtlOnRead) {

  public ModelDescription {
    properties = List.copyOf(properties);
    compoundIndexes = List.copyOf(compoundIndexes);
  }

  /** A description of a model whose reads leave expiries alone. */
  public ModelDescription(
      ClassName recordType, String keyPrefix, Storage storage, long ttlSeconds, List<Property> properties,
      List<CompoundIndexDescription> compoundIndexes) {
    this(recordType, keyPrefix, storage, ttlSeconds, properties, compoundIndexes, false);
  }

  /** A description without compound indexes. */
  public ModelDescription(
      ClassName recordType, String keyPrefix, Storage storage, long ttlSeconds, List<Property> properties) {
    this(recordType, keyPrefix, storage, ttlSeconds, properties, List.of());
  }

  /** The record's simple name, e.g. {@code Member}. */
  public String name() {
    return recordType.simpleName();
  }

  /** The package the generated types go to: the record's own. */
  public String packageName() {
    return recordType.packageName();
  }

  /** The {@code @Id} component (validation guarantees exactly one). */
  public Property id() {
    return properties.stream().filter(Property::id).findFirst().orElseThrow();
  }

  /** The {@code @Version} component, if any. */
  public Optional<Property> version() {
    return properties.stream().filter(Property::version).findFirst();
  }

  /** The generated type named {@code <Record><suffix>}, e.g. {@code MemberCodec}. */
  public ClassName generated(String suffix) {
    return ClassName.get(packageName(), name() + suffix);
  }
}
