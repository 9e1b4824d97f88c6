package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.exception.QueryException;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.model.CompoundIndex;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which queries a compound index answers, and how they are rewritten and compiled: without Redis.
 * {@code Doc.age} is an {@code Integer}; {@link #CITY_AGE} declares it never null, as for an
 * {@code int}, {@link #CITY_BORN} a nullable date.
 */
class CompoundRewriteTest {

  private static final CompoundIndex CITY_AGE = new CompoundIndex(List.of(Doc.CITY), Doc.AGE, false);
  private static final CompoundIndex CITY_COUNTRY_AGE = new CompoundIndex(List.of(Doc.CITY, Doc.COUNTRY), Doc.AGE, false);
  private static final CompoundIndex CITY_BORN = new CompoundIndex(List.of(Doc.CITY), Doc.BORN, true);
  private static final List<CompoundIndex> ALL = List.of(CITY_AGE, CITY_COUNTRY_AGE, CITY_BORN);
  private static final KeyLayout.Bucket BUCKET = KeyLayout.of("doc").bucket(0);

  private static CompoundRewrite<Doc> rewrite(Condition<Doc> condition, List<Sort<Doc>> sort) {
    return CompoundRewrite.find(ALL, condition, sort);
  }

  private static CompoundRewrite<Doc> rewrite(Condition<Doc> condition) {
    return rewrite(condition, List.of());
  }

  @Test
  void anEqualityAndARangeBecomeOneRangeOfOneKey() {
    CompoundRewrite<Doc> r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.between(25, 35)));
    assertSame(CITY_AGE, r.index());
    assertEquals(List.of("Oslo"), r.tagValues());
    assertEquals("25", r.min());
    assertEquals("35", r.max());
    assertEquals(List.of(), r.rest());
    assertFalse(r.sorted());
    assertEquals("{doc}#cmp:city+age:4:Oslo", r.key(BUCKET));
  }

  @Test
  void rangesOnTheNumberAreIntersected() {
    CompoundRewrite<Doc> r = rewrite(Condition.allOf(Doc_.age.gt(20), Doc_.city.eq("Oslo"), Doc_.age.lte(30),
        Doc_.age.gte(20), Doc_.age.between(10, 40)));
    assertEquals("(20", r.min(), "gt 20 and gte 20: open");
    assertEquals("30", r.max());
    assertEquals(List.of(), r.rest());

    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.between(20, false, 30, false)).and(Doc_.age.lt(40)));
    assertEquals("(20", r.min());
    assertEquals("(30", r.max());

    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.eq(33)));
    assertEquals("33", r.min());
    assertEquals("33", r.max());

    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.between(null, 30)));
    assertEquals("-inf", r.min(), "an open lower bound");
    assertEquals("30", r.max());

    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.gt(50)).and(Doc_.age.lt(10)));
    assertEquals("(50", r.min(), "contradictory ranges stay contradictory");
    assertEquals("(10", r.max());

    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.born.gte(LocalDate.of(1970, 1, 11))));
    assertSame(CITY_BORN, r.index());
    assertEquals("10", r.min(), "dates as their index scores: epoch days");
    assertEquals("+inf", r.max());
  }

  @Test
  void nestedAndsAreFlattenedAndOtherConjunctsKeptInOrder() {
    Condition<Doc> seen = Doc_.seen.isNull();
    Condition<Doc> notBio = Doc_.bio.matches("redis").not();
    Condition<Doc> either = Doc_.tags.contains("a").or(Doc_.city.eq("Bergen"));
    CompoundRewrite<Doc> r = rewrite(Condition.allOf(seen, Doc_.city.eq("Oslo").and(notBio.and(Doc_.age.lt(3))), either));
    assertSame(CITY_AGE, r.index());
    assertEquals(List.of(seen, notBio, either), r.rest());
    assertEquals("-inf", r.min());
    assertEquals("(3", r.max());
  }

  @Test
  void aSecondEqualityOnTheTagStaysAConjunct() {
    Condition<Doc> bergen = Doc_.city.eq("Bergen");
    CompoundRewrite<Doc> r = rewrite(Condition.allOf(Doc_.city.eq("Oslo"), bergen, Doc_.age.gt(1)));
    assertEquals(List.of("Oslo"), r.tagValues());
    assertEquals(List.of(bergen), r.rest());
  }

  @Test
  void aSortByTheNumberAloneNeedsANumberThatIsNeverNull() {
    CompoundRewrite<Doc> r = rewrite(Doc_.city.eq("Oslo"), List.of(Doc_.age.desc()));
    assertSame(CITY_AGE, r.index());
    assertTrue(r.sorted());
    assertEquals("-inf", r.min());
    assertEquals("+inf", r.max());

    assertNull(rewrite(Doc_.city.eq("Oslo"), List.of(Doc_.born.asc())),
        "born may be null: a null date sorts last, and is in no compound entry");
    CompoundRewrite<Doc> ranged = rewrite(Doc_.city.eq("Oslo").and(Doc_.born.lt(LocalDate.EPOCH)), List.of(Doc_.born.asc()));
    assertSame(CITY_BORN, ranged.index());
    assertTrue(ranged.sorted());
  }

  @Test
  void onlyTheFirstSortKeyCounts() {
    assertNull(rewrite(Doc_.city.eq("Oslo"), List.of(Doc_.country.asc(), Doc_.age.asc())));
    CompoundRewrite<Doc> r = rewrite(Doc_.city.eq("Oslo").and(Doc_.age.gt(3)), List.of(Doc_.country.asc(), Doc_.age.asc()));
    assertFalse(r.sorted());
  }

  @Test
  void queriesACompoundIndexCannotAnswer() {
    assertNull(rewrite(Doc_.city.eq("Oslo")), "no range and no sort");
    assertNull(rewrite(Doc_.age.between(1, 2)), "no equality");
    assertNull(rewrite(Doc_.city.in("Oslo").and(Doc_.age.gt(1))), "in is not eq");
    assertNull(rewrite(Doc_.city.ne("Oslo").and(Doc_.age.gt(1))), "ne is not eq");
    assertNull(rewrite(Doc_.city.eq("Oslo").or(Doc_.age.gt(1))), "or");
    assertNull(rewrite(Doc_.city.eq("Oslo").and(Doc_.age.gt(1)).not()), "under not");
    assertNull(rewrite(Doc_.city.eq("Oslo").and(Doc_.age.ne(1))), "ne is not a range");
    assertNull(rewrite(Doc_.city.eq("Oslo").and(Doc_.age.isNotNull())), "nor is isNotNull");
    assertNull(rewrite(Doc_.city.eq(null).and(Doc_.age.gt(1))), "a null value fails when compiled, as ever");
    assertNull(rewrite(Doc_.country.eq("NO").and(Doc_.age.gt(1))), "not every tag of (city, country, age)");
    assertNull(CompoundRewrite.find(List.of(), Doc_.city.eq("Oslo").and(Doc_.age.gt(1)), List.<Sort<Doc>>of()));
    assertNull(rewrite(null, List.of(Doc_.age.asc())));
  }

  @Test
  void theMostSpecificCompoundIndexWins() {
    CompoundRewrite<Doc> r = rewrite(Doc_.country.eq("Norway").and(Doc_.city.eq("Oslo")).and(Doc_.age.gt(1)));
    assertSame(CITY_COUNTRY_AGE, r.index());
    assertEquals(List.of("Oslo", "norway"), r.tagValues(), "in the compound's order, folded as indexed");
    assertEquals("{doc}#cmp:city+country+age:4:Oslo6:norway", r.key(BUCKET));

    // one tag each: a range (born) beats a sort alone (age)
    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.born.gt(LocalDate.EPOCH)), List.of(Doc_.age.asc()));
    assertSame(CITY_BORN, r.index());
    assertFalse(r.sorted());
    // a range and a sort on one compound beat a range alone on another
    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.born.gt(LocalDate.EPOCH)).and(Doc_.age.gt(1)), List.of(Doc_.age.asc()));
    assertSame(CITY_AGE, r.index());
    assertTrue(r.sorted());
    // otherwise the first declared
    r = rewrite(Doc_.city.eq("Oslo").and(Doc_.born.gt(LocalDate.EPOCH)).and(Doc_.age.gt(1)));
    assertSame(CITY_AGE, r.index());
  }

  @Test
  void thePlanWalksTheCompoundKeyAsItsRangeAndSortKey() {
    Condition<Doc> condition = Doc_.city.eq("Oslo").and(Doc_.age.between(25, 35)).and(Doc_.tags.contains("a"));
    List<Sort<Doc>> sort = List.of(Doc_.age.desc(), Doc_.born.asc());
    QueryPlan plan = QueryPlan.of(BUCKET, condition, sort, rewrite(condition, sort), false);
    int compound = plan.keys().indexOf("{doc}#cmp:city+age:4:Oslo") + 1;
    assertEquals(List.of("2", "score", Integer.toString(compound), "desc", "score",
        Integer.toString(plan.keys().indexOf("{doc}#num:born") + 1), "asc",
        "and", "2", "range", Integer.toString(compound), "25", "35", "and", "1", "set", Integer.toString(plan.keys().indexOf("{doc}#eq:tags:a") + 1)),
        plan.arguments());
    assertFalse(plan.keys().contains("{doc}#lex:city"), plan.keys().toString());
    assertFalse(plan.keys().contains("{doc}#num:age"), plan.keys().toString());
  }

  @Test
  void aLoneCompoundRangeIsTheRootAndExistsWalksItInAnyOrder() {
    Condition<Doc> condition = Doc_.city.eq("Oslo").and(Doc_.age.gt(25));
    QueryPlan plan = QueryPlan.of(BUCKET, condition, List.of(), rewrite(condition), false);
    assertEquals(List.of("0", "range", "3", "(25", "+inf"), plan.arguments());
    assertEquals("{doc}#cmp:city+age:4:Oslo", plan.keys().get(2));
    QueryPlan anyOrder = QueryPlan.of(BUCKET, condition, List.of(), rewrite(condition), true);
    assertEquals(List.of("1", "score", "3", "asc", "range", "3", "(25", "+inf"), anyOrder.arguments());
    QueryPlan without = QueryPlan.of(BUCKET, condition, List.of());
    assertNotEquals(plan.arguments(), without.arguments());
  }

  @Test
  void aSortByAFieldWithoutSortOrderStillFails() {
    CompoundIndex unsortable = new CompoundIndex(List.of(Doc.CITY), Doc.SEEN, false);
    Condition<Doc> condition = Doc_.city.eq("Oslo");
    List<Sort<Doc>> sort = List.of(Doc_.seenClaimingASortOrder.asc());
    CompoundRewrite<Doc> r = CompoundRewrite.find(List.of(unsortable), condition, sort);
    assertTrue(r.sorted());
    QueryException e = assertThrows(QueryException.class, () -> QueryPlan.of(BUCKET, condition, sort, r, false));
    assertTrue(e.getMessage().startsWith("cannot sort by seen"), e.getMessage());
  }
}
