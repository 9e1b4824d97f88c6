/**
 * Typed values at keys of your choosing ({@link dev.rekord.values.Values}, from {@code
 * rekord.values()}): {@code GET}/{@code SET} with expiries and conditions, batch reads that report
 * each key on its own, atomic batch writes per hash slot, key listing with {@code SCAN}, typed hash
 * fields and temporary keys — all inside a {@link dev.rekord.values.Namespace}.
 */
package dev.rekord.values;
