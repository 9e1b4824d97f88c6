package dev.rekord.internal.engine.portable;

import java.util.Locale;

/**
 * A constant of the engine scripts' protocol: what travels in {@code ARGV} for it ({@link #code()})
 * and the name the Lua side knows it by ({@link #name()}, in a table {@link EngineProtocol}
 * generates).
 */
interface ProtocolCode {

  /** The constant's name: the key of its entry in the generated Lua table. */
  String name();

  /** What travels as the argument: the name in lower case unless the constant says otherwise. */
  default String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
