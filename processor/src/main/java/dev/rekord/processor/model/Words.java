package dev.rekord.processor.model;

/** Where words start in a Java name, for the name conversions of validation and writers. */
public final class Words {
  private Words() {}

  /**
   * Whether the upper-case letter at {@code i} starts a new word: after a lower-case letter or a
   * digit, or as the last capital of an acronym ({@code HTTPServer}: the {@code S}).
   */
  public static boolean startsWord(String name, int i) {
    char previous = name.charAt(i - 1);
    if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
      return true;
    }
    boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    return Character.isUpperCase(previous) && nextIsLower;
  }
}
