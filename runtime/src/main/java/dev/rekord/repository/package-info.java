/**
 * Typed repositories: {@link dev.rekord.repository.RekordRepository} (save, find by id, delete,
 * count, batch reads with per-key failures), which every generated {@code MemberRepository}
 * extends, and {@link dev.rekord.repository.Query}, a query being built from metamodel conditions
 * with its sort order, paging and terminals ({@code list}, {@code count}, {@code cursor}, {@code
 * delete}).
 */
package dev.rekord.repository;
