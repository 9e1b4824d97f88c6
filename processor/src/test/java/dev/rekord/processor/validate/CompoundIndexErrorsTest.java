package dev.rekord.processor.validate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;
import static dev.rekord.processor.ProcessorTestSupport.validate;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.ProcessorTestSupport;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.ModelDescription;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@code @CompoundIndex}, one test or more per message: the ID, the text, the file
 * and the line of the annotation value that is wrong (also inside the container javac makes of
 * repeated annotations).
 */
class CompoundIndexErrorsTest {

  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(@Tag String city, @Numeric int floor, String street) {}
      """);
  private static final JavaFileObject STAY = source("test.Stay", """
      public record Stay(@Tag String city, @Tag int nights) {}
      """);

  /** A member with compound {@code annotations} (one per line) above the record. */
  private static JavaFileObject member(String annotations) {
    return source("test.Member", "@RedisModel\n" + annotations + "\npublic record Member(\n"
        + "    @Id String id,\n"
        + "    @Tag String city,\n"
        + "    @Tag(caseSensitive = false) String team,\n"
        + "    @Numeric(sortable = true) int age,\n"
        + "    @Indexed @FieldName(\"joined\") LocalDate joinDate,\n"
        + "    @Text String bio,\n"
        + "    String nickname,\n"
        + "    @Tag List<String> tags,\n"
        + "    Address address,\n"
        + "    List<Stay> previous) {}\n");
  }

  private static Compilation compile(JavaFileObject src) {
    ProcessorTestSupport.Validated validated = validate(src, ADDRESS, STAY);
    assertThat(validated.models()).isEmpty();
    return validated.compilation();
  }

  private static ModelDescription valid(String annotations) {
    ProcessorTestSupport.Validated validated = validate(member(annotations), ADDRESS, STAY);
    assertThat(validated.compilation()).succeededWithoutWarnings();
    return validated.model("Member");
  }

  @Test
  void validCompoundIndexesAreDescribedInDeclarationOrder() {
    ModelDescription model = valid("""
        @CompoundIndex({"city", "age"})
        @CompoundIndex({"address.city", "team", "joinDate"})
        @CompoundIndex({"city", "address.floor"})""");
    assertThat(model.compoundIndexes()).containsExactly(
        new CompoundIndexDescription(List.of("city"), "age"),
        new CompoundIndexDescription(List.of("address.city", "team"), "joinDate"),
        new CompoundIndexDescription(List.of("city"), "address.floor")).inOrder();
  }

  @Test
  void aModelWithoutCompoundIndexesHasNone() {
    assertThat(valid("").compoundIndexes()).isEmpty();
  }

  @Test
  void unknownFieldSuggestsTheNearestName() {
    JavaFileObject src = member("@CompoundIndex({\"ciyt\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundUnknownField] A @CompoundIndex names components of the model"
            + " by their Java names (dotted through embedded records), but Member has no component \"ciyt\";"
            + " did you mean \"city\"?")
        .inFile(src).onLineContaining("\"ciyt\"");
  }

  @Test
  void unknownNestedFieldSuggestsTheNestedName() {
    JavaFileObject src = member("@CompoundIndex({\"address.cty\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundUnknownField]").inFile(src).onLineContaining("address.cty");
    assertThat(c).hadErrorContaining("did you mean \"address.city\"?");
  }

  @Test
  void aStoredNameIsNotAComponentName() {
    JavaFileObject src = member("@CompoundIndex({\"city\", \"joined\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundUnknownField]").inFile(src).onLineContaining("\"joined\"})");
    assertThat(c).hadErrorContaining("\"joined\" is the stored name of \"joinDate\"; name it \"joinDate\"");
  }

  @Test
  void anUnrelatedNameListsTheIndexedComponents() {
    JavaFileObject src = member("@CompoundIndex({\"x\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("no component \"x\"; name one of \"city\", \"team\", \"age\", \"joinDate\","
        + " \"address.city\", \"address.floor\"");
  }

  @Test
  void theLastFieldMustBeNumeric() {
    JavaFileObject src = member("@CompoundIndex({\"city\", \"team\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundFieldKind] A @CompoundIndex lists single-valued @Tag fields,"
            + " then one @Numeric field, but its last field Member.team is a @Tag; end the list with a @Numeric"
            + " field, e.g. \"age\"")
        .inFile(src).onLineContaining("\"team\"");
  }

  @Test
  void aNumberBeforeTheLastFieldIsReportedWithTheOrderToUse() {
    JavaFileObject src = member("@CompoundIndex({\"age\", \"city\", \"joinDate\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("its first field Member.age is indexed as a number; list the @Tag fields first"
            + " and one @Numeric field last")
        .inFile(src).onLineContaining("\"age\"");
  }

  @Test
  void fieldsThatAreNotIndexedOrOfAnotherKind() {
    JavaFileObject src = member("@CompoundIndex({\"nickname\", \"bio\", \"address.street\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("its first field Member.nickname is not indexed; annotate it @Tag, or leave it out")
        .inFile(src).onLineContaining("\"nickname\"");
    assertThat(c).hadErrorContaining("its second field Member.bio is indexed as full text; use a @Tag field, e.g. \"city\"");
    assertThat(c).hadErrorContaining("its last field Member.address.street is not indexed; end the list with a @Numeric"
        + " field, e.g. \"age\"");
  }

  @Test
  void aNumberThatIsNotIndexedIsToldToBeAnnotated() {
    JavaFileObject src = source("test.Member", """
        @RedisModel
        @CompoundIndex({"city", "age"})
        public record Member(@Id String id, @Tag String city, int age) {}
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("its last field Member.age is not indexed; annotate it @Numeric, or end the list"
        + " with a @Numeric field").inFile(src).onLineContaining("@CompoundIndex");
  }

  @Test
  void collectionsAreMultiValued() {
    JavaFileObject src = member("@CompoundIndex({\"tags\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundMultiValued] A @CompoundIndex needs one value per document of"
            + " each of its fields, but Member.tags holds several (java.util.List<java.lang.String>); leave it out of"
            + " the compound index")
        .inFile(src).onLineContaining("\"tags\"");
  }

  @Test
  void fieldsOfACollectionOfRecordsAreMultiValued() {
    JavaFileObject src = member("@CompoundIndex({\"previous.city\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("Member.previous.city holds several (inside a collection of records)")
        .inFile(src).onLineContaining("previous.city");
  }

  @Test
  void fewerThanTwoFields() {
    JavaFileObject src = member("@CompoundIndex({\"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundTooFewFields] A @CompoundIndex lists one or more single-valued"
            + " @Tag fields, then one @Numeric field, but Member lists only {\"age\"}; name at least two, e.g."
            + " @CompoundIndex({\"city\", \"age\"})")
        .inFile(src).onLineContaining("@CompoundIndex");
  }

  @Test
  void fewerThanTwoFieldsInARepeatedAnnotation() {
    JavaFileObject src = member("""
        @CompoundIndex({"city", "age"})
        @CompoundIndex("team")""");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("but Member lists only {\"team\"}").inFile(src).onLineContaining("\"team\")");
  }

  @Test
  void noFieldsAtAll() {
    JavaFileObject src = member("@CompoundIndex({})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("but Member lists none;").inFile(src).onLineContaining("@CompoundIndex");
  }

  @Test
  void theSameFieldTwice() {
    JavaFileObject src = member("@CompoundIndex({\"city\",\n    \"city\", \"age\"})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CompoundDuplicateField] A @CompoundIndex names each field once, but"
            + " Member names \"city\" again; remove the second one")
        .inFile(src).onLineContaining("    \"city\", \"age\"");
  }

  @Test
  void theSameCompoundIndexTwiceEvenWithItsTagsInAnotherOrder() {
    JavaFileObject src = member("""
        @CompoundIndex({"city", "team", "age"})
        @CompoundIndex({"city", "joinDate"})
        @CompoundIndex({"team", "city", "age"})""");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.DuplicateCompoundIndex] A model declares each compound index once, but"
            + " Member declares {\"team\", \"city\", \"age\"} twice (the order of the tags does not matter); remove one")
        .inFile(src).onLineContaining("{\"team\", \"city\", \"age\"}");
  }

  @Test
  void problemsInSeveralCompoundIndexesAreAllReported() {
    JavaFileObject src = member("""
        @CompoundIndex({"city", "agee"})
        @CompoundIndex({"tags", "age"})""");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("did you mean \"age\"?").inFile(src).onLineContaining("\"agee\"");
    assertThat(c).hadErrorContaining("[Rekord.CompoundMultiValued]").inFile(src).onLineContaining("\"tags\"");
  }

  @Test
  void writtenInItsContainer() {
    JavaFileObject src = member("@CompoundIndexes({\n    @CompoundIndex({\"city\", \"age\"}),\n    @CompoundIndex({\"city\", \"bio\"})})");
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("its last field Member.bio is indexed as full text")
        .inFile(src).onLineContaining("\"bio\"");
  }
}
