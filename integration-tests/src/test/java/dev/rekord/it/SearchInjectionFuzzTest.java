package dev.rekord.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link SearchDifferentialQueryTest} with hostile strings: every tag, label, word, code and unit
 * the random data and queries pick from holds characters the Query Engine's syntax gives meaning to
 * ({@code { } | @ * " \ - ~ ( ) [ ] : , ; $ %}), spaces at either end, the bytes 0 and 1, and
 * non-ASCII text, alone and combined with fragments of query syntax ({@code x} | @sku:{*}}). The
 * search engine must return exactly what the in-memory evaluation returns: a value that broke out
 * of its place in the query would match too much, too little or fail the query.
 */
class SearchInjectionFuzzTest extends SearchDifferentialQueryTest {

  private static final String[] SPECIAL = {"{", "}", "|", "@", "*", "\"", "\\", "-", "~", "(", ")", "[", "]",
      ":", ",", ";", "$", "%", "'", "\0", "\1", " ", "\t", "\n"};
  private static final String[] FRAGMENTS = {"x} | @t0:{*", "@rkid:{*}", "*", "-@sku:{a}", "\\{a\\}", "$q",
      "(a|b)", "[1 2]", "@rkexp:[-inf +inf]", "=>[KNN 2 @v $q]", "a,b", " lead", "trail ", "ÅØ", "東京", "😀",
      "ΣΊΣ", "İı", "ß", "\u0000x", "x\u0001"};

  @Override
  String[] pool(String name, String[] defaults) {
    Random random = new Random(name.hashCode());
    List<String> pool = new ArrayList<>(List.of(FRAGMENTS));
    pool.addAll(List.of(SPECIAL));
    for (int i = 0; i < 20; i++) {
      StringBuilder value = new StringBuilder();
      int length = 1 + random.nextInt(6);
      for (int c = 0; c < length; c++) {
        value.append(random.nextInt(3) == 0 ? (char) ('a' + random.nextInt(3)) : SPECIAL[random.nextInt(SPECIAL.length)]);
      }
      pool.add(value.toString());
    }
    if (name.equals("words")) { // words need letters or digits to be words at all
      pool.replaceAll(w -> "w" + Math.abs(w.hashCode() % 7) + w + "x");
    }
    return pool.toArray(String[]::new);
  }
}
