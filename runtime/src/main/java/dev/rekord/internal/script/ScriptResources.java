package dev.rekord.internal.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the Lua scripts the runtime ships as resources beside the classes that run them. */
public final class ScriptResources {
  private ScriptResources() {}

  /** The text of {@code file}, a resource in the package of {@code anchor}. */
  public static String read(Class<?> anchor, String file) {
    try (InputStream in = anchor.getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("missing script resource "
            + anchor.getPackageName().replace('.', '/') + "/" + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read script " + file, e);
    }
  }
}
