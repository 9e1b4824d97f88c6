package dev.rekord.processor.validate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;
import static dev.rekord.processor.ProcessorTestSupport.validate;
import static com.google.common.truth.Truth.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.rekord.processor.ProcessorTestSupport;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** One or more tests for every message of the catalogue: the ID, the file and the line. */
class ValidationErrorsTest {

  /** Compiles with the validating front-end and checks that no model was built. */
  private static Compilation compile(JavaFileObject... sources) {
    ProcessorTestSupport.Validated validated = validate(sources);
    assertThat(validated.models()).isEmpty();
    return validated.compilation();
  }

  private static JavaFileObject member(String components) {
    return source("test.Member", "@RedisModel\npublic record Member(\n" + components + ") {}\n");
  }

  @Nested
  class WholeRecord {
    @Test
    void notARecord() {
      JavaFileObject src = source("test.Member", "@RedisModel\npublic class Member {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotARecord] @RedisModel applies to records only, but Member is a class")
          .inFile(src).onLineContaining("class Member");
    }

    @Test
    void notARecordInterface() {
      JavaFileObject src = source("test.Member", "@RedisModel\npublic interface Member {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("Member is an interface").inFile(src).onLineContaining("interface Member");
    }

    @Test
    void missingId() {
      JavaFileObject src = member("    String name");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining(
              "[Rekord.MissingId] Member has no component annotated @Id; mark the key, e.g. `@Id String id`")
          .inFile(src).onLineContaining("record Member");
    }

    @Test
    void genericModel() {
      JavaFileObject src = source("test.Member", "@RedisModel\npublic record Member<T extends Number>(@Id String id) {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.GenericModel]").inFile(src).onLineContaining("record Member<T");
      assertThat(c).hadErrorContaining("declares type parameters <T>");
    }

    @Test
    void privateNestedRecordIsNotAccessible() {
      JavaFileObject src = source("test.Outer",
          "public class Outer {\n  @RedisModel\n  private record Member(@Id String id) {}\n}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotAccessible] Generated code in package test must reach Member, but it is private")
          .inFile(src).onLineContaining("private record Member");
    }

    @Test
    void recordInPrivateClassIsNotAccessible() {
      JavaFileObject src = source("test.Outer",
          "public class Outer {\n  private static class Hidden {\n    @RedisModel\n    record Member(@Id String id) {}\n  }\n}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotAccessible]").inFile(src).onLineContaining("record Member");
      assertThat(c).hadErrorContaining("private (enclosing Hidden)");
    }

    /** javac shows no element for a type declared in a method body: it is found in the source. */
    @Test
    void localRecordIsNotAccessible() {
      JavaFileObject src = source("test.Outer",
          "public class Outer {\n  void m() {\n    @RedisModel\n    record Member(@Id String id) {}\n  }\n}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotAccessible] Generated code in package test must reach Member,"
              + " but it is declared inside m(); make it and its enclosing types at least package-private and"
              + " declare it outside methods")
          .inFile(src).onLineContaining("record Member");
    }

    /** Found however it is nested or named, and whether or not the round has other Rekord annotations. */
    @Test
    void localRecordsInInitializersLambdasAndLocalClassesAreNotAccessible() {
      JavaFileObject src = JavaFileObjects.forSourceString("test.Outer", """
          package test;
          import dev.rekord.annotations.Id;
          public class Outer {
            static {
              @dev.rekord.annotations.RedisModel record InInitializer(@Id String id) {}
            }
            Runnable task = () -> {
              @dev.rekord.annotations.RedisModel record InLambda(@Id String id) {}
            };
            Outer() {
              class Local {
                @dev.rekord.annotations.RedisModel record InLocalClass(@Id String id) {}
              }
            }
            @interface RedisModel {}
            void m() {
              @RedisModel record NotRekords(String id) {}
            }
          }
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(3);
      assertThat(c).hadErrorContaining("must reach InInitializer, but it is declared inside an initializer")
          .inFile(src).onLineContaining("record InInitializer");
      assertThat(c).hadErrorContaining("must reach InLambda, but it is declared inside a lambda")
          .inFile(src).onLineContaining("record InLambda");
      assertThat(c).hadErrorContaining("must reach InLocalClass, but it is declared inside a constructor")
          .inFile(src).onLineContaining("record InLocalClass");
    }

    @Test
    void privateEmbeddedRecordIsNotAccessible() {
      JavaFileObject src = source("test.Member", """
          @RedisModel
          public record Member(
              @Id String id,
              Address address) {
            private record Address(String city) {}
          }
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotAccessible] Generated code in package test must reach test.Member.Address")
          .inFile(src).onLineContaining("Address address");
    }

    @Test
    void nameClashWithUserType() {
      JavaFileObject src = member("    @Id String id");
      JavaFileObject user = source("test.MemberCodec", "public class MemberCodec {}\n");
      Compilation c = compile(src, user);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NameClash] Rekord generates test.MemberCodec for Member")
          .inFile(src).onLineContaining("record Member");
    }

    @Test
    void typeGeneratedByRekordEarlierIsNoNameClash() {
      // E.g. a stale generated source an IDE still compiles: ours, so not the user's clash.
      JavaFileObject src = member("    @Id String id");
      JavaFileObject earlier = source("test.MemberModel",
          "@javax.annotation.processing.Generated(\"dev.rekord.processor.RekordProcessor\")\npublic class MemberModel {}\n");
      ProcessorTestSupport.Validated validated = validate(src, earlier);
      assertThat(validated.compilation()).succeededWithoutWarnings();
      assertThat(validated.models()).hasSize(1);
    }

    @Test
    void typeGeneratedBySomeoneElseIsANameClash() {
      JavaFileObject src = member("    @Id String id");
      JavaFileObject other = source("test.MemberRepository",
          "@javax.annotation.processing.Generated(\"com.acme.OtherProcessor\")\npublic class MemberRepository {}\n");
      Compilation c = compile(src, other);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NameClash] Rekord generates test.MemberRepository for Member");
    }

    @Test
    void invalidPrefix() {
      JavaFileObject src = source("test.Member", "@RedisModel(prefix = \"member:\")\npublic record Member(@Id String id) {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.InvalidPrefix]").inFile(src).onLineContaining("prefix = \"member:\"");
      assertThat(c).hadErrorContaining("but Member has prefix \"member:\"; use e.g. prefix = \"member\"");
    }

    @Test
    void invalidPrefixCharacters() {
      JavaFileObject src = source("test.Member", "@RedisModel(prefix = \"my members\")\npublic record Member(@Id String id) {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("use e.g. prefix = \"my-members\"").inFile(src).onLineContaining("my members");
    }

    @Test
    void invalidTtl() {
      JavaFileObject src = source("test.Member", "@RedisModel(ttlSeconds = -5)\npublic record Member(@Id String id) {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.InvalidTtl]").inFile(src).onLineContaining("ttlSeconds = -5");
      assertThat(c).hadErrorContaining("but Member has ttlSeconds = -5");
    }

    @Test
    void refreshTtlOnReadNeedsATtl() {
      JavaFileObject src = source("test.Member",
          "@RedisModel(prefix = \"member\",\n    refreshTtlOnRead = true)\npublic record Member(@Id String id) {}\n");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.RefreshWithoutTtl]").inFile(src).onLineContaining("refreshTtlOnRead = true");
      assertThat(c).hadErrorContaining("but Member has no ttlSeconds");
    }

    @Test
    void refreshTtlOnReadWithATtlIsDescribed() {
      ProcessorTestSupport.Validated validated = validate(source("test.Member",
          "@RedisModel(ttlSeconds = 60, refreshTtlOnRead = true)\npublic record Member(@Id String id) {}\n"));
      assertThat(validated.compilation()).succeededWithoutWarnings();
      assertThat(validated.models()).hasSize(1);
      assertThat(validated.models().get(0).refreshTtlOnRead()).isTrue();
    }

    @Test
    void allProblemsOfATypeAreReportedTogether() {
      JavaFileObject src = source("test.Member", """
          @RedisModel(prefix = "a b", ttlSeconds = -1)
          public record Member(
              String name,
              Object payload,
              @Numeric String city) {}
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(5);
      assertThat(c).hadErrorContaining("[Rekord.InvalidPrefix]");
      assertThat(c).hadErrorContaining("[Rekord.InvalidTtl]");
      assertThat(c).hadErrorContaining("[Rekord.MissingId]");
      assertThat(c).hadErrorContaining("[Rekord.UnsupportedType]").inFile(src).onLineContaining("Object payload");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable]").inFile(src).onLineContaining("@Numeric String city");
    }

    @Test
    void aBrokenModelDoesNotStopTheOthers() {
      JavaFileObject broken = member("    String name");
      JavaFileObject fine = source("test.Club", "@RedisModel\npublic record Club(@Id String id) {}\n");
      ProcessorTestSupport.Validated validated = validate(broken, fine);
      assertThat(validated.compilation()).hadErrorCount(1);
      assertThat(validated.models()).hasSize(1);
      assertThat(validated.model("Club").keyPrefix()).isEqualTo("club");
    }
  }

  @Nested
  class KeyAndVersion {
    @Test
    void duplicateId() {
      JavaFileObject src = member("    @Id String id,\n    @Id String other");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.DuplicateId] A model has exactly one @Id, but Member marks both id and other")
          .inFile(src).onLineContaining("@Id String other");
    }

    @Test
    void unsupportedIdType() {
      JavaFileObject src = member("    @Id int id");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.UnsupportedIdType] An @Id is a String, UUID, long or Long, but Member.id is int")
          .inFile(src).onLineContaining("@Id int id");
    }

    @Test
    void invalidVersionType() {
      JavaFileObject src = member("    @Id String id,\n    @Version String version");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.InvalidVersion] A @Version is an int, long, Integer or Long, but Member.version is java.lang.String")
          .inFile(src).onLineContaining("@Version String version");
    }

    @Test
    void severalVersions() {
      JavaFileObject src = member("    @Id String id,\n    @Version long version,\n    @Version Integer revision");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.InvalidVersion] A model has at most one @Version, but Member marks both version and revision")
          .inFile(src).onLineContaining("@Version Integer revision");
    }

    @Test
    void idAndVersionInEmbeddedRecord() {
      JavaFileObject src = member("    @Id String id,\n    Address address");
      JavaFileObject address = source("test.Address", """
          public record Address(
              @Id String code,
              @Version long version) {}
          """);
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("[Rekord.IdInEmbedded] @Id belongs on a component of the model itself, but Member.address.code is inside the embedded record Address")
          .inFile(address).onLineContaining("@Id String code");
      assertThat(c).hadErrorContaining("[Rekord.IdInEmbedded] @Version").inFile(address).onLineContaining("@Version long version");
    }
  }

  @Nested
  class Types {
    @Test
    void unsupportedTypeOfComponent() {
      JavaFileObject src = member("    @Id String id,\n    Object payload");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.UnsupportedType] Member.payload has type java.lang.Object, which Rekord cannot store")
          .inFile(src).onLineContaining("Object payload");
    }

    @Test
    void unsupportedTypeInEmbeddedRecordNamesItsPath() {
      JavaFileObject src = member("    @Id String id,\n    Address address");
      JavaFileObject address = source("test.Address", "public record Address(\n    String city,\n    Object geo) {}\n");
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("Member.address.geo has type java.lang.Object")
          .inFile(address).onLineContaining("Object geo");
    }

    @Test
    void unsupportedContainers() {
      JavaFileObject src = member("""
              @Id String id,
              Map<Integer, String> byNumber,
              List<List<String>> nested,
              Map<String, Address> addresses,
              Optional<String> maybe,
              int[] numbers,
              List<?> anything,
              Collection<String> strings
          """);
      JavaFileObject address = source("test.Address", "public record Address(String city) {}\n");
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(7);
      for (String line : new String[] {"Map<Integer, String> byNumber", "List<List<String>> nested",
          "Map<String, Address> addresses", "Optional<String> maybe", "int[] numbers", "List<?> anything",
          "Collection<String> strings"}) {
        assertThat(c).hadErrorContaining("[Rekord.UnsupportedType]").inFile(src).onLineContaining(line);
      }
    }

    @Test
    void optionalComponentsSuggestNullableOnes() {
      JavaFileObject src = member("    @Id String id,\n    Optional<String> nickname,\n    OptionalInt rank");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("[Rekord.UnsupportedType] Member.nickname has type java.util.Optional<java.lang.String>,"
              + " which Rekord cannot store: a component that may be absent is nullable; use a nullable"
              + " `String nickname` component instead")
          .inFile(src).onLineContaining("Optional<String> nickname");
      assertThat(c).hadErrorContaining("use a nullable `Integer rank` component instead")
          .inFile(src).onLineContaining("OptionalInt rank");
    }

    @Test
    void genericEmbeddedRecord() {
      JavaFileObject src = member("    @Id String id,\n    Pair<String, Integer> pair");
      JavaFileObject pair = source("test.Pair", "public record Pair<A, B>(A first, B second) {}\n");
      Compilation c = compile(src, pair);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.GenericModel] Rekord records cannot be generic, but test.Pair declares type parameters <A, B>")
          .inFile(src).onLineContaining("Pair<String, Integer> pair");
    }

    @Test
    void directRecursion() {
      JavaFileObject src = member("    @Id String id,\n    Node root");
      JavaFileObject node = source("test.Node", "public record Node(\n    String value,\n    Node next) {}\n");
      Compilation c = compile(src, node);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.RecursiveEmbedding] An embedded record cannot contain itself, but Member.root.next leads back to Node (Node.next → Node)")
          .inFile(node).onLineContaining("Node next");
    }

    @Test
    void indirectRecursionThroughACollection() {
      JavaFileObject src = member("    @Id String id,\n    Team team");
      JavaFileObject team = source("test.Team", "public record Team(\n    String name,\n    List<Player> players) {}\n");
      JavaFileObject player = source("test.Player", "public record Player(\n    String name,\n    Team team) {}\n");
      Compilation c = compile(src, team, player);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("(Team.players → Player.team → Team)").inFile(player).onLineContaining("Team team");
    }

    @Test
    void modelEmbeddingItself() {
      JavaFileObject src = member("    @Id String id,\n    Member friend");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.RecursiveEmbedding]").inFile(src).onLineContaining("Member friend");
      assertThat(c).hadErrorContaining("(Member.friend → Member)");
    }
  }

  @Nested
  class Vectors {
    @Test
    void vectorOnAnythingButAFloatArray() {
      JavaFileObject src = member("""
              @Id String id,
              @Vector(dimensions = 3) double[] doubles,
              @Vector(dimensions = 3) String text,
              @Vector(dimensions = 3) List<Float> floats
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(3);
      assertThat(c).hadErrorContaining("[Rekord.UnsupportedType] Member.doubles has type double[]")
          .inFile(src).onLineContaining("double[] doubles");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Vector indexes float[] embeddings, but Member.text is"
              + " java.lang.String; use @Indexed or @Tag or @Text, or remove the annotation")
          .inFile(src).onLineContaining("String text");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Vector indexes float[] embeddings, but Member.floats is")
          .inFile(src).onLineContaining("List<Float> floats");
    }

    @Test
    void dimensionsOutOfRange() {
      JavaFileObject src = member("""
              @Id String id,
              @Vector(dimensions = 0) float[] none,
              @Vector(dimensions = 40000) float[] huge
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("[Rekord.VectorDimensions] A @Vector has 1 to 32768 dimensions, but Member.none has"
              + " dimensions = 0; give the length of the embeddings your model produces, e.g. `@Vector(dimensions = 384)`")
          .inFile(src).onLineContaining("float[] none");
      assertThat(c).hadErrorContaining("[Rekord.VectorDimensions]").inFile(src).onLineContaining("float[] huge");
    }

    @Test
    void stemmedTextsOfOneModelShareALanguage() {
      JavaFileObject src = member("""
              @Id String id,
              @Text(stemming = Text.Language.ENGLISH) String bio,
              @Text String plain,
              @Text(stemming = Text.Language.GERMAN) String notes
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.MixedTextLanguages] The search engine stems every text of a model in"
              + " one language, but Member stems Member.bio in ENGLISH and Member.notes in GERMAN; give them the same"
              + " `stemming`")
          .inFile(src).onLineContaining("String notes");
    }

    @Test
    void hnswSettingsOnAFlatVectorOrBelowOne() {
      JavaFileObject src = member("""
              @Id String id,
              @Vector(dimensions = 3, m = 16) float[] flat,
              @Vector(dimensions = 3, algorithm = Vector.Algorithm.HNSW, efConstruction = 0) float[] zero,
              @Vector(dimensions = 3, algorithm = Vector.Algorithm.HNSW, efRuntime = -5) float[] negative,
              @Vector(dimensions = 3, algorithm = Vector.Algorithm.HNSW, m = 32, efRuntime = 50) float[] tuned
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(3);
      assertThat(c).hadErrorContaining("[Rekord.VectorSetting] Member.flat has `m = 16`, which is a setting of an"
              + " HNSW graph, and Member.flat is FLAT; use `algorithm = Vector.Algorithm.HNSW` or remove `m`")
          .inFile(src).onLineContaining("float[] flat");
      assertThat(c).hadErrorContaining("[Rekord.VectorSetting] Member.zero has `efConstruction = 0`, which must be"
              + " at least 1; remove it for the Redis Query Engine's default")
          .inFile(src).onLineContaining("float[] zero");
      assertThat(c).hadErrorContaining("[Rekord.VectorSetting] Member.negative has `efRuntime = -5`")
          .inFile(src).onLineContaining("float[] negative");
    }

    @Test
    void aVectorHasNoSortOrderAndOneIndexKind() {
      JavaFileObject src = member("""
              @Id String id,
              @Sortable @Vector(dimensions = 3) float[] sorted,
              @Tag @Vector(dimensions = 3) float[] both
          """);
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("[Rekord.NotSortable] A sort order needs one value per document, but Member.sorted"
              + " is a vector (queries order by distance: nearest)")
          .inFile(src).onLineContaining("float[] sorted");
      assertThat(c).hadErrorContaining("[Rekord.ConflictingIndexes]").inFile(src).onLineContaining("float[] both");
    }

    @Test
    void floatArraysInsideCollectionsOfRecordsAreNotVectors() {
      JavaFileObject src = member("    @Id String id,\n    List<Chunk> chunks");
      JavaFileObject chunk = source("test.Chunk", "public record Chunk(@Vector(dimensions = 3) float[] embedding) {}\n");
      Compilation c = compile(src, chunk);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Vector needs one value per document, but Member.chunks.embedding")
          .inFile(chunk).onLineContaining("float[] embedding");
    }
  }

  @Nested
  class Indexes {
    @Test
    void numericOnString() {
      JavaFileObject src = member("    @Id String id,\n    @Numeric String city");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining(
              "[Rekord.NotIndexable] @Numeric indexes numbers, dates, times, durations and zone offsets, but Member.city is"
                  + " java.lang.String; use @Indexed or @Tag or @Text, or remove the annotation")
          .inFile(src).onLineContaining("@Numeric String city");
    }

    @Test
    void nonIndexableTypes() {
      JavaFileObject src = member("""
              @Id String id,
              @Tag Address address,
              @Indexed Map<String, String> attributes,
              @Sortable byte[] photo,
              @Text List<Integer> scores,
              @Geo String place,
              @Tag List<Address> homes
          """);
      JavaFileObject address = source("test.Address", "public record Address(String city) {}\n");
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(6);
      assertThat(c).hadErrorContaining("but Member.address is test.Address; annotate the components of the record instead")
          .inFile(src).onLineContaining("@Tag Address address");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Indexed").inFile(src).onLineContaining("attributes");
      assertThat(c).hadErrorContaining("remove the annotation, byte[] values cannot be indexed")
          .inFile(src).onLineContaining("byte[] photo");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Text").inFile(src).onLineContaining("scores");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Geo").inFile(src).onLineContaining("@Geo String place");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Tag").inFile(src).onLineContaining("List<Address> homes");
    }

    @Test
    void numericAndGeoNeedOneValuePerDocument() {
      JavaFileObject src = member("    @Id String id,\n    @Indexed List<Double> weights,\n    List<Line> lines");
      JavaFileObject line = source("test.Line", """
          public record Line(
              @Tag String sku,
              @Numeric int quantity,
              @Geo GeoPoint origin) {}
          """);
      Compilation c = compile(src, line);
      assertThat(c).hadErrorCount(3);
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Indexed needs one value per document, but Member.weights holds several (java.util.List<java.lang.Double>)")
          .inFile(src).onLineContaining("List<Double> weights");
      assertThat(c).hadErrorContaining("Member.lines.quantity holds several (inside a collection of records)")
          .inFile(line).onLineContaining("@Numeric int quantity");
      assertThat(c).hadErrorContaining("[Rekord.NotIndexable] @Geo").inFile(line).onLineContaining("@Geo GeoPoint origin");
    }

    @Test
    void conflictingIndexes() {
      JavaFileObject src = member("    @Id String id,\n    @Tag @Text String name");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.ConflictingIndexes] A component has one index kind, but Member.name is annotated @Tag and @Text; keep one of them")
          .inFile(src).onLineContaining("@Tag @Text String name");
    }

    @Test
    void sortableCollection() {
      JavaFileObject src = member("    @Id String id,\n    @Tag(sortable = true) List<String> tags,\n    @Sortable Set<String> labels");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("[Rekord.NotSortable] A sort order needs one value per document, but Member.tags is a collection (java.util.List<java.lang.String>)")
          .inFile(src).onLineContaining("List<String> tags");
      assertThat(c).hadErrorContaining("[Rekord.NotSortable]").inFile(src).onLineContaining("@Sortable Set<String> labels");
    }

    @Test
    void sortableInsideCollectionOfRecordsOrOnGeo() {
      JavaFileObject src = member("    @Id String id,\n    List<Line> lines,\n    @Geo @Sortable GeoPoint location");
      JavaFileObject line = source("test.Line", "public record Line(\n    @Tag(sortable = true) String sku) {}\n");
      Compilation c = compile(src, line);
      assertThat(c).hadErrorCount(2);
      assertThat(c).hadErrorContaining("Member.lines.sku is inside a collection of records").inFile(line).onLineContaining("String sku");
      assertThat(c).hadErrorContaining("Member.location is a geo point").inFile(src).onLineContaining("GeoPoint location");
    }
  }

  @Nested
  class TextSortOrder {
    @Test
    void sortableText() {
      JavaFileObject src = member("    @Id String id,\n    @Text(sortable = true) String bio");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.TextNotSortable] A @Text field is indexed by its words and has no sort"
              + " order, but Member.bio asks for one (`sortable = true`); remove it, or index the whole string with"
              + " @Tag(sortable = true) to sort by it")
          .inFile(src).onLineContaining("@Text(sortable = true) String bio");
    }

    @Test
    void textWithSortable() {
      JavaFileObject src = member("    @Id String id,\n    @Text\n    @Sortable\n    String notes");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.TextNotSortable]").inFile(src).onLineContaining("@Sortable");
      assertThat(c).hadErrorContaining("Member.notes asks for one (@Sortable)");
    }
  }

  @Nested
  class StoredNames {
    @Test
    void invalidFieldName() {
      JavaFileObject src = member("    @Id String id,\n    @FieldName(\"home.city\") String city");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.InvalidFieldName] A stored field name uses letters, digits, '_' and '-', but Member.city has @FieldName(\"home.city\"); use e.g. @FieldName(\"home_city\")")
          .inFile(src).onLineContaining("@FieldName(\"home.city\")");
    }

    @Test
    void fieldNameClashesWithAnotherComponent() {
      JavaFileObject src = member("    @Id String id,\n    @FieldName(\"name\") String title,\n    String name");
      Compilation c = compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.DuplicateFieldName] Stored field names are unique, but Member.title and Member.name are both stored as \"name\"")
          .inFile(src).onLineContaining("String name");
    }

    @Test
    void fieldNameClashesWithAnEmbeddedRecord() {
      JavaFileObject src = member("    @Id String id,\n    Address address,\n    @FieldName(\"address\") String addressLine");
      JavaFileObject address = source("test.Address", "public record Address(String city) {}\n");
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("Member.address and Member.addressLine are both stored as \"address\"")
          .inFile(src).onLineContaining("@FieldName(\"address\")");
    }

    @Test
    void clashInsideAnEmbeddedRecordUsedTwiceIsReportedOnce() {
      JavaFileObject src = member("    @Id String id,\n    Address home,\n    Address work");
      JavaFileObject address = source("test.Address", "public record Address(\n    String city,\n    @FieldName(\"city\") String town) {}\n");
      Compilation c = compile(src, address);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("Member.home.city and Member.home.town are both stored as \"home.city\"")
          .inFile(address).onLineContaining("String town");
    }
  }

  @Nested
  class Processing {
    @Test
    void unresolvedTypeIsReportedWhenProcessingIsOver() {
      JavaFileObject src = member("    @Id String id,\n    Money price");
      Compilation c = compile(src);
      assertThat(c).hadErrorContaining("[Rekord.UnresolvedType] Rekord needs every component type of Member, but Money could not be found")
          .inFile(src).onLineContaining("record Member");
      assertThat(c).hadErrorContaining("cannot find symbol"); // javac's own
      assertThat(c).hadErrorCount(2);
    }

    @Test
    void unexpectedExceptionBecomesAnError() {
      JavaFileObject src = member("    @Id String id");
      Compilation c = com.google.testing.compile.Compiler.javac()
          .withProcessors(ProcessorTestSupport.processorFailingWith(new IllegalStateException("boom")))
          .compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.UnexpectedError] Rekord failed on test.Member with an unexpected error")
          .inFile(src).onLineContaining("record Member");
      assertThat(c).hadErrorContaining("java.lang.IllegalStateException: boom");
    }

    @Test
    void writeFailureBecomesAnError() {
      JavaFileObject src = member("    @Id String id");
      Compilation c = com.google.testing.compile.Compiler.javac()
          .withProcessors(ProcessorTestSupport.processorFailingWith(new java.io.IOException("disk full")))
          .compile(src);
      assertThat(c).hadErrorCount(1);
      assertThat(c).hadErrorContaining("[Rekord.WriteFailed] Rekord could not write the sources of Member: java.io.IOException: disk full")
          .inFile(src).onLineContaining("record Member");
    }
  }
}
