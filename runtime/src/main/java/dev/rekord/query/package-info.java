/**
 * The query AST: immutable conditions ({@link dev.rekord.query.Condition} and its records) built
 * by the generated metamodel's fields, e.g. {@code Member_.city.eq("Oslo")}, combined with
 * {@code and}, {@code or} and {@code not}, plus {@link dev.rekord.query.Sort} orders. Users rarely
 * name these types; the query engine executes them.
 */
package dev.rekord.query;
