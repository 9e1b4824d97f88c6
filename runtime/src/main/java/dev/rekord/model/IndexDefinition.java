package dev.rekord.model;

import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Text;
import java.util.List;

/**
 * The index of a model, as data: generated at compile time ({@code MemberIndex.DEFINITION}) and run
 * by the application at startup.
 *
 * @param name the index name, e.g. {@code member-idx}
 * @param keyPrefix the documents' key prefix without the trailing colon, e.g. {@code member}
 * @param storage how the documents are stored
 * @param fields the indexed fields, in the model's declaration order
 * @param compounds the compound indexes, in declaration order; their fields are among {@code fields}
 * @param fingerprint a digest of everything above; changes exactly when the index must be rebuilt
 */
public record IndexDefinition(
    String name, String keyPrefix, Storage storage, List<IndexField> fields, List<CompoundIndex> compounds,
    String fingerprint) {

  public IndexDefinition {
    fields = List.copyOf(fields);
    compounds = List.copyOf(compounds);
    for (CompoundIndex compound : compounds) {
      for (IndexField tag : compound.tags()) {
        requireField(fields, tag);
      }
      requireField(fields, compound.number());
    }
    Text.Language language = Text.Language.NONE;
    for (IndexField field : fields) {
      if (field.stemmed() && language != Text.Language.NONE && field.stemming() != language) {
        throw new IllegalArgumentException("the stemmed texts of " + name + " have more than one language: "
            + language + " and " + field.stemming() + " (" + field.path() + ")");
      }
      language = field.stemmed() ? field.stemming() : language;
    }
  }

  /**
   * The one language the search engine stems this model's stemmed texts in ({@code @Text(stemming =
   * …)}); {@link Text.Language#NONE} when no text is stemmed.
   */
  public Text.Language stemming() {
    for (IndexField field : fields) {
      if (field.stemmed()) {
        return field.stemming();
      }
    }
    return Text.Language.NONE;
  }

  /** A definition without compound indexes. */
  public IndexDefinition(String name, String keyPrefix, Storage storage, List<IndexField> fields, String fingerprint) {
    this(name, keyPrefix, storage, fields, List.of(), fingerprint);
  }

  private static void requireField(List<IndexField> fields, IndexField field) {
    if (!fields.contains(field)) {
      throw new IllegalArgumentException("a compound index names " + field + ", which is not among the fields");
    }
  }
}
