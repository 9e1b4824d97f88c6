package dev.rekord.internal.engine.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HexTest {

  @Test
  void aValueBecomesXAndTheHexOfItsUtf8Bytes() {
    assertEquals("x", Hex.of(""));
    assertEquals("x7b7c7d", Hex.of("{|}"));
    assertEquals("xc3b8", Hex.of("ø"));
    for (String value : List.of("", "a b", "\0", "東京😀", "@t0:{*}")) {
      assertEquals(value, Hex.decode(Hex.of(value)));
      assertTrue(Hex.of(value).matches("x[0-9a-f]*"), value);
    }
  }

  @Test
  void theFormOrdersAsTheUtf8BytesDo() {
    assertTrue(Hex.of("a").compareTo(Hex.of("ab")) < 0);
    assertTrue(Hex.of("\0").compareTo(Hex.of("\1")) < 0);
    assertTrue(Hex.of("z").compareTo(Hex.of("é")) < 0); // 0x7a before 0xc3
  }

  @Test
  void prefixesAreProperEndOnCodePointsAndStopAt64Bytes() {
    assertEquals(List.of("x", "x61"), Hex.properPrefixes("aø")); // the whole value is stored once, as itself
    assertEquals(List.of("x", "x61", "x61c3b8"), Hex.properPrefixes("aøb"));
    assertEquals(List.of(), Hex.properPrefixes(""));
    assertEquals(List.of("x"), Hex.properPrefixes("😀")); // a surrogate pair is one code point
    assertEquals(List.of("x", "x3f"), Hex.properPrefixes("\uD800b")); // a lone surrogate encodes as '?'
    List<String> stopped = Hex.properPrefixes("ø".repeat(40));
    assertEquals(1 + 32, stopped.size());
    assertEquals(Hex.of("ø".repeat(32)), stopped.get(32));
    assertEquals("ø".repeat(32), Hex.storedPart("ø".repeat(40)));
    assertEquals("ab", Hex.storedPart("ab"));
  }
}
