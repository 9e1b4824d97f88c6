/**
 * The typed fields of generated metamodels ({@code Member_.joinDate} is a {@link
 * dev.rekord.metamodel.DateField}): each offers the operations its index supports, so a
 * comparison the index cannot answer does not compile.
 */
package dev.rekord.metamodel;
