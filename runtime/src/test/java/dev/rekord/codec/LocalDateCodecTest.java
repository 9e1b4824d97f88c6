package dev.rekord.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueCodecs#LOCAL_DATE} reads the text {@code LocalDate.toString} writes by hand: it must
 * read exactly what {@link LocalDate#parse} reads, and refuse what it refuses, with its message.
 */
class LocalDateCodecTest {

  @Test
  void readsEveryDateAsLocalDateParseDoes() {
    for (LocalDate date = LocalDate.of(0, 1, 1); date.getYear() <= 10_001; date = date.plusDays(1)) {
      String text = date.toString();
      assertEquals(LocalDate.parse(text), ValueCodecs.LOCAL_DATE.fromText(text), text);
    }
    for (LocalDate date : List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(-1, 12, 31), LocalDate.of(99_999, 2, 28))) {
      assertEquals(date, ValueCodecs.LOCAL_DATE.fromText(date.toString()), date.toString());
    }
  }

  @Test
  void refusesWhatLocalDateParseRefusesWithItsMessage() {
    for (String text : List.of("2023-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-00-10",
        "2024-01-00", "20a4-01-01", "2024-1-01", "2024/01/01", "+2024-01-01", "-000-01-01", "", "2024-01-01 ")) {
      DateTimeParseException expected = assertThrows(DateTimeParseException.class, () -> LocalDate.parse(text));
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> ValueCodecs.LOCAL_DATE.fromText(text), text);
      assertEquals("expected an ISO-8601 date like 2024-05-01 (" + expected.getMessage() + ")", refused.getMessage());
    }
  }
}
