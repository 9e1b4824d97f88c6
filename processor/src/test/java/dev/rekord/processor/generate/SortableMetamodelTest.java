package dev.rekord.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.ProcessorTestSupport;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Only fields that keep a sort order offer {@code asc()} and {@code desc()}: a sort by any other
 * field is a javac error on the line that asks for it, not a {@code QueryException} when the query
 * runs.
 */
class SortableMetamodelTest {

  private static final JavaFileObject MEMBER = source("test.Member", """
      @RedisModel(prefix = "member")
      public record Member(
          @Id String id,
          @Tag(sortable = true) String name,
          @Indexed String city,
          @Sortable Color color,
          @Indexed Color team,
          @Indexed(sortable = true) int age,
          @Numeric long points,
          @Sortable LocalDate joined,
          @Indexed Instant seen,
          @Numeric(sortable = true) Duration shift,
          @Indexed Duration took,
          @Text String bio,
          @Geo GeoPoint location,
          @Tag List<String> tags,
          Address address,
          String note) {
        public enum Color { RED, GREEN }
      }
      """);
  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(@Tag(sortable = true) String city, @Indexed String street) {}
      """);

  @Test
  void sortableFieldsOfEveryTypeSortBothWays() {
    JavaFileObject queries = source("test.Queries", """
        import dev.rekord.query.Sort;

        class Queries {
          static final List<Sort<Member>> SORTS = List.of(
              Member_.name.asc(), Member_.name.desc(),
              Member_.color.asc(), Member_.age.desc(),
              Member_.joined.asc(), Member_.shift.desc(),
              Member_.address.city.asc());
        }
        """);

    Compilation c = ProcessorTestSupport.compile(MEMBER, ADDRESS, queries);

    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void aSortByAFieldWithoutSortOrderDoesNotCompile() {
    JavaFileObject queries = source("test.Queries", """
        import dev.rekord.query.Sort;

        class Queries {
          Sort<Member> city() { return Member_.city.asc(); }
          Sort<Member> team() { return Member_.team.desc(); }
          Sort<Member> points() { return Member_.points.asc(); }
          Sort<Member> seen() { return Member_.seen.desc(); }
          Sort<Member> took() { return Member_.took.asc(); }
          Sort<Member> bio() { return Member_.bio.asc(); }
          Sort<Member> location() { return Member_.location.asc(); }
          Sort<Member> tags() { return Member_.tags.desc(); }
          Sort<Member> street() { return Member_.address.street.asc(); }
          Sort<Member> note() { return Member_.note.asc(); }
        }
        """);

    Compilation c = ProcessorTestSupport.compile(MEMBER, ADDRESS, queries);

    assertThat(c).hadErrorCount(10);
    for (String line : new String[] {
        "Member_.city.asc()", "Member_.team.desc()", "Member_.points.asc()", "Member_.seen.desc()",
        "Member_.took.asc()", "Member_.bio.asc()", "Member_.location.asc()", "Member_.tags.desc()",
        "Member_.address.street.asc()", "Member_.note.asc()"}) {
      assertThat(c).hadErrorContaining("cannot find symbol").inFile(queries).onLineContaining(line);
    }
  }
}
