package dev.rekord.internal.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LuaFunctionsTest {

  @Test
  void dropsTheFunctionsNothingCallsAndKeepsWhatTheKeptOnesCall() {
    String script = """
        -- shared
        local function used(x)
          return helper(x) + 1
        end
        local function helper(x)
          local function inner() return x end
          return inner()
        end
        local function unused(x)
          return used(x)
        end
        -- unused is only mentioned here
        local function oneLine() return 1 end
        return used(2) + oneLine()
        """;
    assertEquals("""
        -- shared
        local function used(x)
          return helper(x) + 1
        end
        local function helper(x)
          local function inner() return x end
          return inner()
        end
        -- unused is only mentioned here
        local function oneLine() return 1 end
        return used(2) + oneLine()
        """, LuaFunctions.withoutUnused(script));
  }

  @Test
  void aNameInCodeKeepsItsFunctionButNotAPrefixOfAnotherName() {
    String script = """
        local function keep()
        end
        local function kee()
        end
        local t = { keep }
        """;
    assertEquals("""
        local function keep()
        end
        local t = { keep }
        """, LuaFunctions.withoutUnused(script));
  }

  @Test
  void aFunctionWithoutItsEndLineIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LuaFunctions.withoutUnused("local function f()\n  return 1 end\n"));
    assertEquals("no line 'end' closes the function at line 1: local function f()", e.getMessage());
  }
}
