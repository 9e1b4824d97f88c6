package dev.rekord.processor.generate;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.ProcessorTestSupport;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A partial update is typed by the generated metamodel field it changes: every operation compiles on
 * the fields it fits (indexed or not, inside an embedded record too), and an increment of a string,
 * a list operation on a number, a set operation on a list or a date shift of a number is a javac
 * error on the line that asks for it.
 */
class UpdateTypingTest {

  private static final JavaFileObject MEMBER = source("test.Member", """
      @RedisModel(prefix = "member")
      public record Member(
          @Id String id,
          @Indexed String city,
          @Indexed(sortable = true) int age,
          long points,
          BigDecimal balance,
          String note,
          @Tag List<String> tags,
          Set<String> labels,
          Map<String, Long> counters,
          @Indexed LocalDate joined,
          Instant seen,
          Address address) {}
      """);
  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(@Indexed String city, int floor) {}
      """);

  @Test
  void everyOperationCompilesOnTheFieldsItFits() {
    JavaFileObject updates = source("test.Updates", """
        import static dev.rekord.update.Update.*;
        import dev.rekord.update.Update;

        class Updates {
          static final List<Update<Member>> ALL = List.of(
              set(Member_.city, "Oslo"), set(Member_.address.city, "Bergen"), increment(Member_.address.floor, 1),
              increment(Member_.age, 1), decrement(Member_.points, 2L), increment(Member_.balance, BigDecimal.ONE),
              append(Member_.note, "!"), append(Member_.tags, "a"), prepend(Member_.tags, "b"),
              insert(Member_.tags, 1, "c"), remove(Member_.tags, "a"), popFirst(Member_.tags), popLast(Member_.tags),
              trim(Member_.tags, 0, 9), add(Member_.labels, "x"), remove(Member_.labels, "x"),
              put(Member_.counters, "k", 1L), removeKey(Member_.counters, "k"),
              plus(Member_.joined, Period.ofDays(1)), minus(Member_.seen, Duration.ofHours(1)));
        }
        """);

    Compilation c = ProcessorTestSupport.compile(MEMBER, ADDRESS, updates);

    assertThat(c).succeededWithoutWarnings();
  }

  @Test
  void anOperationOnAFieldOfTheWrongTypeDoesNotCompile() {
    JavaFileObject updates = source("test.Updates", """
        import static dev.rekord.update.Update.*;
        import dev.rekord.update.Update;

        class Updates {
          Update<Member> a() { return increment(Member_.city, 1); }
          Update<Member> b() { return append(Member_.age, 3); }
          Update<Member> c() { return add(Member_.tags, "x"); }
          Update<Member> d() { return put(Member_.labels, "k", 1L); }
          Update<Member> e() { return plus(Member_.age, Period.ofDays(1)); }
          Update<Member> f() { return increment(Member_.age, 1L); }
          Update<Member> g() { return set(Member_.age, "ten"); }
          Update<Member> h() { return popFirst(Member_.labels); }
        }
        """);

    Compilation c = ProcessorTestSupport.compile(MEMBER, ADDRESS, updates);

    assertThat(c).hadErrorCount(8);
    String[][] expected = {
        {"increment(Member_.city, 1)", "method increment in class dev.rekord.update.Update<R> cannot be applied"},
        {"append(Member_.age, 3)", "no suitable method found for append"},
        {"add(Member_.tags, \"x\")", "method add in class dev.rekord.update.Update<R> cannot be applied"},
        {"put(Member_.labels, \"k\", 1L)", "method put in class dev.rekord.update.Update<R> cannot be applied"},
        {"plus(Member_.age, Period.ofDays(1))", "method plus in class dev.rekord.update.Update<R> cannot be applied"},
        {"increment(Member_.age, 1L)", "method increment in class dev.rekord.update.Update<R> cannot be applied"},
        {"set(Member_.age, \"ten\")", "method set in class dev.rekord.update.Update<R> cannot be applied"},
        {"popFirst(Member_.labels)", "method popFirst in class dev.rekord.update.Update<R> cannot be applied"}};
    for (String[] error : expected) {
      assertThat(c).hadErrorContaining(error[1]).inFile(updates).onLineContaining(error[0]);
    }
  }
}
