package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Compares records component by component. A record's own {@code equals} compares arrays by
 * identity, so a {@code byte[]} component never equals its round-tripped copy; this compares
 * arrays by content and names every component that differs.
 */
final class RecordAssertions {
  private RecordAssertions() {}

  static void assertSameComponents(Record expected, Record actual) {
    assertNotNull(actual, "record");
    assertEquals(expected.getClass(), actual.getClass(), "record type");
    List<String> differences = new ArrayList<>();
    for (RecordComponent component : expected.getClass().getRecordComponents()) {
      Object expectedValue = valueOf(component, expected);
      Object actualValue = valueOf(component, actual);
      if (!Objects.deepEquals(expectedValue, actualValue)) {
        differences.add(
            component.getName()
                + ": expected <"
                + describe(expectedValue)
                + "> but was <"
                + describe(actualValue)
                + ">");
      }
    }
    if (!differences.isEmpty()) {
      fail("Components differ:\n  " + String.join("\n  ", differences));
    }
  }

  private static Object valueOf(RecordComponent component, Record record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError("cannot read " + component.getName(), e);
    }
  }

  private static String describe(Object value) {
    if (value instanceof byte[] bytes) {
      return Arrays.toString(bytes);
    }
    return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
  }
}
