/**
 * Atomic partial updates built from the metamodel: {@code members.update(id,
 * Update.increment(Member_.age, 1), Update.append(Member_.tags, "vip"))}. Each {@link
 * dev.rekord.update.Update} is typed by its field, so an increment of a string or a list operation
 * on a number does not compile.
 */
package dev.rekord.update;
