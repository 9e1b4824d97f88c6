/**
 * The portable query engine: Rekord's own secondary indexes in core Redis data structures, kept
 * exact by one atomic script per write, and the planner and scripts that answer queries from them
 * ({@code docs/queries.md} and {@code docs/internals.md} describe the key layout). Not an API:
 * repositories call it; applications do not.
 */
package dev.rekord.internal.engine.portable;
