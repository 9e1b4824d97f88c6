package dev.rekord.query;


/**
 * One sort key: a sortable field, ascending or descending; or {@link #relevance()}.
 *
 * @param field the field; {@code null} for {@link #relevance()}
 */
public record Sort<R>(IndexedAttribute<R, ?> field, boolean descending) {

  /**
   * The most relevant matches first, as the search engine scores the text matches of the query
   * (BM25: more occurrences of the words in a shorter text score higher; ties in the Query
   * Engine's order); the only key of a query. Read such a query with {@code list()} or {@code
   * ids()} ({@code offset}/{@code limit} page it); it is not iterated with a cursor. Only the search engine orders by relevance: on
   * the portable engine such a query is a {@link dev.rekord.exception.QueryException}.
   */
  public static <R> Sort<R> relevance() {
    return new Sort<>(null, true);
  }

  /** Whether this is {@link #relevance()}. */
  public boolean byRelevance() {
    return field == null;
  }
}
