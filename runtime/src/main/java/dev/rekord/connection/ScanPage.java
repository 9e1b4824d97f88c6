package dev.rekord.connection;

import java.util.List;

/**
 * One page of a {@code SCAN}-family command.
 *
 * @param cursor the cursor to pass to the next call; {@link #START} when the iteration is over
 * @param elements the keys, members or elements of this page (may be empty before the end)
 */
public record ScanPage(String cursor, List<String> elements) {

  /** The cursor that starts an iteration, and that the last page returns. */
  public static final String START = "0";

  public ScanPage {
    elements = List.copyOf(elements);
  }

  /** Whether this is the last page. */
  public boolean last() {
    return START.equals(cursor);
  }
}
