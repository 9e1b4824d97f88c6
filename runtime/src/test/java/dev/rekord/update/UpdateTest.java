package dev.rekord.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.codec.ValueCodecs;
import dev.rekord.query.Attribute;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic and collection rules of {@link Update} (what Redis' own commands would do where
 * there is one: {@code LTRIM}'s indexes), on fields kept in a map; the atomic step around them is
 * held by the integration tests.
 */
class UpdateTest {

  record Doc() {}

  private static final Attribute<Doc, Integer> SMALL = new Attribute<>("small", ValueCodecs.INT);
  private static final Attribute<Doc, Short> TINY = new Attribute<>("tiny", ValueCodecs.SHORT);
  private static final Attribute<Doc, BigDecimal> AMOUNT = new Attribute<>("amount", ValueCodecs.BIG_DECIMAL);
  private static final Attribute<Doc, List<String>> LIST = new Attribute<>("list", ValueCodecs.listOf(ValueCodecs.STRING));
  private static final Attribute<Doc, Set<String>> SET = new Attribute<>("set", ValueCodecs.setOf(ValueCodecs.STRING));
  private static final Attribute<Doc, LocalDate> DAY = new Attribute<>("day", ValueCodecs.LOCAL_DATE);

  /** Fields by path, as the stored form would hold them decoded. */
  private static final class Values implements FieldValues<Doc> {
    final Map<String, Object> fields = new HashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public <V> V get(Attribute<Doc, V> field) {
      return (V) fields.get(field.path());
    }

    @Override
    public <V> void set(Attribute<Doc, V> field, V value) {
      fields.put(field.path(), value);
    }
  }

  private static Object apply(Values values, Update<Doc> update, Attribute<Doc, ?> field) {
    update.applyTo(values);
    return values.fields.get(field.path());
  }

  @Test
  void trimKeepsAnInclusiveRangeCountingNegativesFromTheEnd() {
    Values v = new Values();
    v.set(LIST, List.of("a", "b", "c", "d", "e"));
    assertEquals(List.of("b", "c", "d"), apply(v, Update.trim(LIST, 1, -2), LIST));
    assertEquals(List.of("c", "d"), apply(v, Update.trim(LIST, -2, 100), LIST));
    assertEquals(List.of(), apply(v, Update.trim(LIST, 3, 1), LIST));
    v.set(LIST, null);
    assertEquals(null, apply(v, Update.trim(LIST, 0, 1), LIST));
    assertEquals(null, apply(v, Update.popFirst(LIST), LIST), "popping an absent list leaves it absent");
  }

  @Test
  void arithmeticStaysInTheFieldsTypeAndRefusesOverflow() {
    Values v = new Values();
    assertEquals(3, apply(v, Update.increment(SMALL, 3), SMALL), "absent counts as zero");
    assertEquals(-2, apply(v, Update.decrement(SMALL, 5), SMALL));
    v.set(SMALL, Integer.MAX_VALUE);
    assertThrows(ArithmeticException.class, () -> Update.increment(SMALL, 1).applyTo(v));
    v.set(TINY, (short) 32_000);
    assertThrows(ArithmeticException.class, () -> Update.increment(TINY, (short) 1000).applyTo(v));
    v.set(AMOUNT, new BigDecimal("1.10"));
    assertEquals(new BigDecimal("1.05"), apply(v, Update.decrement(AMOUNT, new BigDecimal("0.05")), AMOUNT));
  }

  @Test
  void collectionsAreCopiedNotChangedInPlace() {
    Values v = new Values();
    List<String> stored = new ArrayList<>(List.of("x", "y", "x"));
    v.set(LIST, stored);
    assertEquals(List.of("y"), apply(v, Update.remove(LIST, "x"), LIST));
    assertEquals(List.of("x", "y", "x"), stored);
    v.set(SET, new LinkedHashSet<>(List.of("a")));
    assertEquals(Set.of("a", "b"), apply(v, Update.add(SET, "b"), SET));
    assertEquals(LinkedHashSet.class, apply(v, Update.remove(SET, "a"), SET).getClass(), "a set stays a set");
  }

  @Test
  void dateShiftsNameTheFieldWhenTheTypeLacksTheUnit() {
    Values v = new Values();
    v.set(DAY, LocalDate.of(2024, 1, 31));
    assertEquals(LocalDate.of(2024, 2, 29), apply(v, Update.plus(DAY, Period.ofMonths(1)), DAY));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Update.plus(DAY, Duration.ofHours(1)).applyTo(v));
    assertEquals(true, e.getMessage().contains("day"), e.getMessage());
    v.set(DAY, null);
    assertEquals(null, apply(v, Update.minus(DAY, Period.ofDays(1)), DAY));
  }
}
