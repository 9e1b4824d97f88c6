/** Loading the Lua scripts the runtime ships as resources. */
package dev.rekord.internal.script;
