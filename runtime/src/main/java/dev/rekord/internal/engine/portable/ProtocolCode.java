package dev.rekord.internal.engine.portable;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A constant of the engine scripts' protocol: what travels in {@code ARGV} for it ({@link #code()})
 * and the name the Lua side knows it by ({@link #name()}, in a table {@link EngineProtocol}
 * generates).
 */
interface ProtocolCode {

  /** The constant's name: the key of its entry in the generated Lua table. */
  String name();

  /**
   * What travels as the argument: the name in lower case unless the constant says otherwise;
   * computed once per constant (a save names several, a load thousands).
   */
  default String code() {
    String code = Codes.LOWER_CASE.get(this);
    return code != null ? code : Codes.LOWER_CASE.computeIfAbsent(this, c -> c.name().toLowerCase(Locale.ROOT));
  }

  /** The default codes, by constant. */
  final class Codes {
    private static final Map<ProtocolCode, String> LOWER_CASE = new ConcurrentHashMap<>();

    private Codes() {}
  }
}
