package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ScalarKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  private static final TypeName STRING = ClassName.get(String.class);

  @Test
  void isSixteenHexCharacters() {
    assertThat(Fingerprint.of(base())).matches("[0-9a-f]{16}");
  }

  @Test
  void isStableForEqualModels() {
    assertThat(Fingerprint.of(base())).isEqualTo(Fingerprint.of(base()));
  }

  /**
   * Pinned (the SHA-256 of the canonical text, as {@code sha256sum} prints it): a changed algorithm
   * rebuilds every user's indexes, so it must be deliberate.
   */
  @Test
  void isPinned() {
    assertThat(Fingerprint.canonicalText(base(), IndexedField.of(base()), IndexedCompound.of(base())))
        .isEqualTo("rekord-index/1\n"
            + "name=member-idx\n"
            + "prefix=member\n"
            + "storage=HASH\n"
            + "field=city|TAG|sortable=false|caseSensitive=true|multiValued=false\n"
            + "field=age|NUMERIC|sortable=false|caseSensitive=true|multiValued=false\n");
    assertThat(Fingerprint.of(base())).isEqualTo("e26a5ea45d9bea8f");
  }

  @Test
  void ignoresComponentsThatAreNotIndexed() {
    List<Property> properties = new ArrayList<>(base().properties());
    properties.add(TestModels.plain("nickname", TestModels.scalar(ScalarKind.STRING, STRING)));
    assertThat(Fingerprint.of(with(properties))).isEqualTo(Fingerprint.of(base()));
  }

  @Test
  void changesWithTheKind() {
    assertChanges(city(new IndexSpec(IndexKind.TEXT, false, true), "city"));
  }

  @Test
  void changesWithSortable() {
    assertChanges(city(new IndexSpec(IndexKind.TAG, true, true), "city"));
  }

  /** HNSW settings rebuild the index when given; a vector without them keeps its old fingerprint line. */
  @Test
  void changesWithTheHnswSettingsOnlyWhenGiven() {
    ModelDescription plain = city(vector(0, 0, 0), "city");
    ModelDescription tuned = city(vector(32, 0, 50), "city");
    assertThat(canonical(plain)).contains("|vector=4,COSINE,HNSW\n");
    assertThat(canonical(tuned)).contains("|vector=4,COSINE,HNSW,m=32,efc=0,efr=50\n");
    assertThat(Fingerprint.of(tuned)).isNotEqualTo(Fingerprint.of(plain));
    assertThat(Fingerprint.of(city(vector(32, 0, 51), "city"))).isNotEqualTo(Fingerprint.of(tuned));
  }

  /** Stemming rebuilds the index (FT.CREATE gains LANGUAGE and a TEXT field); an unstemmed text keeps its line. */
  @Test
  void changesWithStemmingOnlyWhenGiven() {
    ModelDescription plain = city(new IndexSpec(IndexKind.TEXT, false, true), "city");
    ModelDescription stemmed = city(new IndexSpec(IndexKind.TEXT, false, true, null, "ENGLISH"), "city");
    assertThat(canonical(plain)).contains("field=city|TEXT|sortable=false|caseSensitive=true|multiValued=false\n");
    assertThat(canonical(stemmed)).contains("|multiValued=false|stemming=ENGLISH\n");
    assertThat(Fingerprint.of(stemmed)).isNotEqualTo(Fingerprint.of(plain));
  }

  private static IndexSpec vector(int m, int efConstruction, int efRuntime) {
    return new IndexSpec(IndexKind.VECTOR, false, true,
        new IndexSpec.VectorSpec(4, "COSINE", "HNSW", m, efConstruction, efRuntime));
  }

  private static String canonical(ModelDescription model) {
    return Fingerprint.canonicalText(model, IndexedField.of(model), IndexedCompound.of(model));
  }

  @Test
  void changesWithCaseSensitivity() {
    assertChanges(city(new IndexSpec(IndexKind.TAG, false, false), "city"));
  }

  @Test
  void changesWithThePath() {
    assertChanges(city(new IndexSpec(IndexKind.TAG, false, true), "town"));
  }

  @Test
  void changesWithMultiplicity() {
    List<Property> properties = new ArrayList<>(base().properties());
    properties.set(1, TestModels.tag("city", TestModels.list(TestModels.scalar(ScalarKind.STRING, STRING)), false, true));
    assertChanges(with(properties));
  }

  /** Epoch days and epoch microseconds are different scores: a stale index would answer wrongly. */
  @Test
  void changesWithTheScoringOfADateOrTime() {
    List<String> fingerprints = new ArrayList<>();
    for (ScalarKind kind : List.of(ScalarKind.LOCAL_DATE, ScalarKind.LOCAL_DATE_TIME, ScalarKind.YEAR, ScalarKind.ZONE_OFFSET)) {
      List<Property> properties = new ArrayList<>(base().properties());
      properties.set(2, TestModels.indexed("age", TestModels.scalar(kind, STRING), IndexKind.NUMERIC, false));
      ModelDescription model = with(properties);
      assertThat(Fingerprint.canonicalText(model, IndexedField.of(model), IndexedCompound.of(model)))
          .contains("field=age|NUMERIC|sortable=false|caseSensitive=true|multiValued=false|score=" + kind.name() + "\n");
      fingerprints.add(Fingerprint.of(model));
    }
    fingerprints.add(Fingerprint.of(base()));
    assertThat(new java.util.HashSet<>(fingerprints)).hasSize(fingerprints.size());
  }

  /** Every number scores as itself: changing {@code int} to {@code long} keeps the index. */
  @Test
  void ignoresTheTypeOfANumber() {
    List<Property> properties = new ArrayList<>(base().properties());
    properties.set(2, TestModels.indexed("age", TestModels.scalar(ScalarKind.LONG, TypeName.LONG), IndexKind.NUMERIC, false));
    assertThat(Fingerprint.of(with(properties))).isEqualTo(Fingerprint.of(base()));
  }

  @Test
  void changesWithPrefixAndStorage() {
    ModelDescription base = base();
    assertChanges(new ModelDescription(base.recordType(), "person", base.storage(), 0, base.properties()));
    assertChanges(new ModelDescription(base.recordType(), base.keyPrefix(), Storage.JSON, 0, base.properties()));
  }

  @Test
  void ignoresTheTimeToLive() {
    ModelDescription base = base();
    assertThat(Fingerprint.of(new ModelDescription(base.recordType(), base.keyPrefix(), base.storage(), 60, base.properties())))
        .isEqualTo(Fingerprint.of(base));
  }

  @Test
  void aCompoundIndexAddsALineAndChangesIt() {
    ModelDescription compound = withCompounds(List.of(new CompoundIndexDescription(List.of("city"), "age")));
    assertThat(Fingerprint.canonicalText(compound, IndexedField.of(compound), IndexedCompound.of(compound)))
        .endsWith("field=age|NUMERIC|sortable=false|caseSensitive=true|multiValued=false\n"
            + "compound=city+age\n");
    assertChanges(compound);
  }

  @Test
  void changesWhenACompoundIndexChangesOrIsAddedOrRemoved() {
    List<Property> properties = new ArrayList<>(base().properties());
    properties.add(TestModels.tag("team", TestModels.scalar(ScalarKind.STRING, STRING), false, true));
    ModelDescription one = new ModelDescription(ClassName.get("com.acme", "Member"), "member", Storage.HASH, 0,
        properties, List.of(new CompoundIndexDescription(List.of("city"), "age")));
    ModelDescription two = new ModelDescription(one.recordType(), "member", Storage.HASH, 0, properties,
        List.of(new CompoundIndexDescription(List.of("city"), "age"), new CompoundIndexDescription(List.of("team"), "age")));
    ModelDescription other = new ModelDescription(one.recordType(), "member", Storage.HASH, 0, properties,
        List.of(new CompoundIndexDescription(List.of("team"), "age")));
    ModelDescription reordered = new ModelDescription(one.recordType(), "member", Storage.HASH, 0, properties,
        List.of(new CompoundIndexDescription(List.of("team", "city"), "age")));
    ModelDescription none = new ModelDescription(one.recordType(), "member", Storage.HASH, 0, properties);
    List<String> fingerprints = List.of(Fingerprint.of(one), Fingerprint.of(two), Fingerprint.of(other),
        Fingerprint.of(reordered), Fingerprint.of(none));
    assertThat(new java.util.HashSet<>(fingerprints)).hasSize(fingerprints.size());
  }

  @Test
  void aModelWithoutCompoundIndexesKeepsItsFingerprint() {
    assertThat(Fingerprint.of(withCompounds(List.of()))).isEqualTo("e26a5ea45d9bea8f");
  }

  private static ModelDescription withCompounds(List<CompoundIndexDescription> compounds) {
    ModelDescription base = base();
    return new ModelDescription(base.recordType(), base.keyPrefix(), base.storage(), 0, base.properties(), compounds);
  }

  private static void assertChanges(ModelDescription changed) {
    assertThat(Fingerprint.of(changed)).isNotEqualTo(Fingerprint.of(base()));
  }

  /** {@code Member(@Id String id, @Indexed String city, @Indexed int age)}. */
  private static ModelDescription base() {
    return with(List.of(
        TestModels.id("id", TestModels.scalar(ScalarKind.STRING, STRING)),
        TestModels.tag("city", TestModels.scalar(ScalarKind.STRING, STRING), false, true),
        TestModels.indexed("age", TestModels.scalar(ScalarKind.INT, TypeName.INT), IndexKind.NUMERIC, false)));
  }

  private static ModelDescription city(IndexSpec spec, String storedName) {
    List<Property> properties = new ArrayList<>(base().properties());
    properties.set(1, new Property("city", storedName, TestModels.scalar(ScalarKind.STRING, STRING), Optional.of(spec), false, false));
    return with(properties);
  }

  private static ModelDescription with(List<Property> properties) {
    return new ModelDescription(ClassName.get("com.acme", "Member"), "member", Storage.HASH, 0, properties);
  }
}
