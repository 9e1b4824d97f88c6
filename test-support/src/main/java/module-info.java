/**
 * Real, throwaway Redis servers and clusters for tests, and the JUnit Jupiter extension that hands
 * them to test classes. The user's JUnit (5.10 or later, or 6) provides {@code org.junit.jupiter.api}.
 */
module dev.rekord.test {
  requires transitive org.junit.jupiter.api;

  exports dev.rekord.test;
}
