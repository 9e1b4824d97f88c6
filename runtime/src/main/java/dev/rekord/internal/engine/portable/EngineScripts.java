package dev.rekord.internal.engine.portable;

import dev.rekord.connection.LuaScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The portable engine's Lua scripts, read once from {@code dev/rekord/internal/engine/portable/*.lua} and run by
 * SHA ({@link LuaScript}: {@code EVALSHA}, loaded again on {@code NOSCRIPT}). Each is prefixed
 * with {@code manifest.lua}, the functions that read and write manifests (Redis scripts cannot
 * include one another).
 */
final class EngineScripts {
  private EngineScripts() {}

  /** Replaces a document and its index entries: see {@code index_save.lua}. */
  static final LuaScript SAVE = load("index_save", true);

  /** Removes a document and its index entries: see {@code index_delete.lua}. */
  static final LuaScript DELETE = load("index_delete", true);

  /** Runs a query plan: see {@code query.lua}. */
  static final LuaScript QUERY = load("query", false);

  private static LuaScript load(String name, boolean writes) {
    return new LuaScript(name.replace('_', '-'), read("manifest") + read(name), writes);
  }

  private static String read(String name) {
    String resource = name + ".lua";
    try (InputStream in = EngineScripts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource dev/rekord/internal/engine/portable/" + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + resource, e);
    }
  }
}
