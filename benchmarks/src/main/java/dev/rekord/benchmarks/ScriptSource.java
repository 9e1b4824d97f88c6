package dev.rekord.benchmarks;

import dev.rekord.connection.LuaScript;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Prints the source of one of the portable engine's joined scripts as the server runs it, for
 * {@code benchmarks/script-cost.sh}: a copy to edit and measure against the original.
 *
 * <pre>{@code ScriptSource <field of EngineScripts: saveOne, save, …> [standard|compact]}</pre>
 *
 * The scripts are internal ({@code EngineScripts} is package-private), so this developer tool
 * reads them reflectively; nothing in the library does.
 */
public final class ScriptSource {
  private ScriptSource() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    Class<?> scripts = Class.forName("dev.rekord.internal.engine.portable.EngineScripts");
    Method layout = scripts.getDeclaredMethod(args.length > 1 && args[1].equals("compact") ? "compact" : "standard");
    layout.setAccessible(true);
    Field script = scripts.getDeclaredField(args[0]);
    script.setAccessible(true);
    System.out.print(((LuaScript) script.get(layout.invoke(null))).source());
  }
}
