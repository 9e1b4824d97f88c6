/**
 * Lua scripts bundled with the runtime, loaded once and called by SHA with keys and values as
 * arguments (never spliced into the script). Not an API: the engine and repositories call it.
 */
package dev.rekord.internal.script;
