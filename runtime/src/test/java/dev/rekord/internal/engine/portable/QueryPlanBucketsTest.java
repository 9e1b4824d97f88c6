package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.model.CompoundIndex;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A query compiled once and moved to each bucket ({@link QueryPlan#in}) names the same keys, in the
 * same positions, with the same arguments and the same direct range as the query compiled for that
 * bucket: for every kind of condition, sorted and not, rewritten to a compound index and not.
 */
class QueryPlanBucketsTest {

  private static final KeyLayout LAYOUT = KeyLayout.of("doc", 16);
  private static final CompoundIndex CITY_AGE = new CompoundIndex(List.of(Doc.CITY), Doc.AGE, false);

  @Test
  void aPlanMovedToABucketIsThePlanCompiledThere() {
    List<Condition<Doc>> conditions = List.of(
        Doc_.city.eq("Oslo"),
        Doc_.age.between(20, 30),
        Doc_.city.eq("Oslo").and(Doc_.age.gt(25)),
        Doc_.country.in("no", "se").or(Doc_.tags.contains("a")),
        Doc_.tags.containsAll("a", "b").and(Doc_.bio.matches("redis").not()),
        Doc_.country.startsWith("n").and(Doc_.age.lte(40)));
    List<List<Sort<Doc>>> sorts = List.of(List.of(), List.of(Doc_.age.desc()), List.of(Doc_.country.asc(), Doc_.age.asc()));
    int checked = 0;
    for (Condition<Doc> condition : conditions) {
      for (List<Sort<Doc>> sort : sorts) {
        for (boolean compound : List.of(false, true)) {
          CompoundRewrite<Doc> rewrite = compound ? CompoundRewrite.find(List.of(CITY_AGE), condition, sort) : null;
          QueryPlan first = QueryPlan.of(LAYOUT.bucket(0), condition, sort, rewrite, false);
          assertSame(first, first.in(LAYOUT.bucket(0)));
          for (int b = 1; b < LAYOUT.buckets(); b += 5) {
            QueryPlan there = QueryPlan.of(LAYOUT.bucket(b), condition, sort, rewrite, false);
            QueryPlan moved = first.in(LAYOUT.bucket(b));
            String what = condition + " " + sort + " in bucket " + b;
            assertEquals(there.keys(), moved.keys(), what);
            assertEquals(there.arguments(), moved.arguments(), what);
            assertEquals(there.directRange(), moved.directRange(), what);
            assertEquals(there.countedRange(), moved.countedRange(), what);
            assertSame(LAYOUT.bucket(b), moved.bucket(), what);
            checked++;
          }
        }
      }
    }
    assertEquals(6 * 3 * 2 * 3, checked);
  }

  @Test
  void aPlansKeysAreItsBucketsOwn() {
    QueryPlan moved = QueryPlan.of(LAYOUT.bucket(0), Doc_.city.eq("Oslo"), List.of()).in(LAYOUT.bucket(7));
    for (String key : moved.keys()) {
      assertEquals(true, key.startsWith(LAYOUT.bucket(7).indexBase()), key);
    }
  }
}
