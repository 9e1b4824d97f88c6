package dev.rekord.internal.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.query.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query's shape holds its fields, operators and sort keys, never its values. */
class QueryShapeTest {

  @Test
  void theShapeNamesFieldsAndOperatorsSortedAndNotTheValues() {
    Condition<Member> oslo = Member_.age.between(30, 40).and(Member_.city.eq("Oslo"));
    Condition<Member> rome = Member_.city.eq("Rome").and(Member_.age.between(1, 2));

    assertEquals("age:range+city:eq sort:age", QueryShape.of(oslo, List.of(Member_.age.asc())));
    assertEquals(QueryShape.of(oslo, List.of()), QueryShape.of(rome, List.of()),
        "other values and another order of the operands: the same shape");
  }

  @Test
  void nestingAndNegationAndDescendingSortAreKept() {
    Condition<Member> nested = Member_.city.in(List.of("Oslo", "Rome", "Paris"))
        .or(Member_.age.gt(3).and(Member_.tags.containsAny("a").not()));

    assertEquals("(!tags:containsAny+age:gt)|city:in sort:-age,city",
        QueryShape.of(nested, List.of(Member_.age.desc(), Member_.city.asc())));
    assertNotEquals(QueryShape.of(Member_.city.in(List.of("a")), List.of()),
        QueryShape.of(Member_.city.eq("a"), List.of()));
    assertEquals("all", QueryShape.of(null, List.of()));
    assertEquals("city:in", QueryShape.of(Member_.city.in(List.of("a", "b", "c", "d")), List.of()),
        "the number of values is not part of the shape");
  }
}
