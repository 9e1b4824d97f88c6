package dev.rekord.model;

import dev.rekord.annotations.Storage;
import java.util.List;

/**
 * The index of a model, as data: generated at compile time ({@code MemberIndex.DEFINITION}) and run
 * by the application at startup.
 *
 * @param name the index name, e.g. {@code member-idx}
 * @param keyPrefix the documents' key prefix without the trailing colon, e.g. {@code member}
 * @param storage how the documents are stored
 * @param fields the indexed fields, in the model's declaration order
 * @param fingerprint a digest of everything above; changes exactly when the index must be rebuilt
 */
public record IndexDefinition(
    String name, String keyPrefix, Storage storage, List<IndexField> fields, String fingerprint) {

  public IndexDefinition {
    fields = List.copyOf(fields);
  }
}
