package dev.rekord.internal.engine.search;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.PortableQueries;
import dev.rekord.internal.engine.portable.PortableQueries.Merge;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import dev.rekord.internal.engine.portable.PortableQueries.Source;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.query.Sort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Merges the answers of a cluster's shards ({@link SearchShards}) into the one answer a single
 * index would give: each shard's rows are sorted as the global order sorts them (the sort keys,
 * nulls last, then the id: the order {@link
 * dev.rekord.internal.engine.portable.PortableQueries#order} gives the portable engine's
 * buckets), so a k-way merge of the shards' first {@code offset + limit} rows holds the global
 * page. A document that a slot migration is moving can be indexed on two shards at once for a
 * moment: the merge returns it once (the two rows are equal, so they meet in the merge).
 */
final class ShardMerge {
  private ShardMerge() {}

  /**
   * The global order of rows ({@link PortableQueries#order}), where two rows that tie on a numeric
   * sort value as the module printed it get their exact values first ({@code exact}: the value a
   * document holds, or {@code null}). A row's numeric sort value comes rounded to 12 significant
   * digits unless it is a whole number, so two shards' rows that differ past them would tie;
   * within a shard the module sorts by exact values. Rounding keeps order, so only ties are in
   * doubt: the merge compares the heads of different shards, and a tie between two of them is
   * settled by reading the two values (an {@code HGET} each, only for such ties).
   */
  static Comparator<Row> order(List<? extends Sort<?>> sort, BiFunction<String, IndexField, String> exact) {
    Comparator<Row> order = PortableQueries.order(sort);
    Map<Row, Row> settled = new IdentityHashMap<>();
    return (a, b) -> {
      for (int i = 0; i < sort.size(); i++) {
        String x = a.values()[i];
        if (sort.get(i).field().index().kind() == IndexKind.NUMERIC && x != null && x.equals(b.values()[i])
            && !whole(x)) {
          settle(a, sort, exact, settled);
          settle(b, sort, exact, settled);
        }
      }
      // a settled row against one of another rounding class: rounding keeps order, so its exact value will do
      return order.compare(settled.getOrDefault(a, a), settled.getOrDefault(b, b));
    };
  }

  /** The row with the document's values in place of its rounded numeric sort values, once. */
  private static void settle(Row row, List<? extends Sort<?>> sort, BiFunction<String, IndexField, String> exact,
      Map<Row, Row> settled) {
    if (settled.containsKey(row)) {
      return;
    }
    String[] values = row.values().clone();
    for (int i = 0; i < sort.size(); i++) {
      IndexField field = sort.get(i).field().index();
      if (field.kind() == IndexKind.NUMERIC && values[i] != null && !whole(values[i])) {
        String value = exact.apply(row.id(), field);
        if (value != null) { // null: the document went away; its rounded value will do
          values[i] = value;
        }
      }
    }
    settled.put(row, new Row(row.id(), values));
  }

  /** Whether a printed number is whole (printed as an integer, so exact) or infinite. */
  private static boolean whole(String number) {
    for (int i = number.startsWith("-") ? 1 : 0; i < number.length(); i++) {
      if (!Character.isDigit(number.charAt(i))) {
        return number.endsWith("inf");
      }
    }
    return true;
  }

  /** One aggregate row as a merge row: its id and the value of each sort key ({@code null}: none). */
  static Row row(List<?> fields, List<? extends Sort<?>> sort, SearchSchema schema) {
    String[] names = new String[sort.size()];
    for (int i = 0; i < names.length; i++) {
      IndexField field = sort.get(i).field().index();
      names[i] = (field.kind() == IndexKind.NUMERIC ? "n" : "t") + schema.position(field);
    }
    String id = null;
    String[] values = new String[names.length];
    for (int f = 0; f + 1 < fields.size(); f += 2) {
      String name = String.valueOf(fields.get(f));
      String value = String.valueOf(fields.get(f + 1));
      if (name.equals("rkid")) {
        id = Hex.idOf(value);
      }
      for (int i = 0; i < names.length; i++) {
        if (name.equals(names[i])) {
          values[i] = value;
        }
      }
    }
    if (id == null) {
      throw new IllegalStateException("an aggregate row without its id: " + fields);
    }
    return new Row(id, values);
  }

  /** Rows {@code offset} to {@code offset + limit} of the merged shards, each id once. */
  static List<String> page(List<? extends Source> shards, Comparator<Row> order, long offset, long limit) {
    Distinct rows = new Distinct(shards, order, null);
    for (long skipped = 0; skipped < offset && rows.hasNext(); skipped++) {
      rows.next();
    }
    List<String> ids = new ArrayList<>();
    while (ids.size() < limit && rows.hasNext()) {
      ids.add(rows.next());
    }
    return ids;
  }

  /** The {@code k} nearest of every shard's {@code k} nearest: by distance, then id; each id once. */
  static List<QueryEngine.Scored> nearest(List<List<QueryEngine.Scored>> shards, int k) {
    List<QueryEngine.Scored> all = new ArrayList<>();
    shards.forEach(all::addAll);
    all.sort(Comparator.comparingDouble(QueryEngine.Scored::distance)
        .thenComparing(QueryEngine.Scored::id, PortableQueries::compareCodePoints));
    List<QueryEngine.Scored> nearest = new ArrayList<>(Math.min(k, all.size()));
    for (QueryEngine.Scored scored : all) {
      if (nearest.size() == k) {
        break;
      }
      if (nearest.stream().noneMatch(seen -> seen.id().equals(scored.id()))) {
        nearest.add(scored);
      }
    }
    return nearest;
  }

  /**
   * The merged ids, a duplicate (one document indexed on two shards mid-migration) left out, from
   * the first row past {@code after} ({@code null}: from the start).
   */
  static final class Distinct {
    private final Merge merge;
    private final Comparator<Row> order;
    private Row last;
    private Row pending;

    Distinct(List<? extends Source> shards, Comparator<Row> order, Row after) {
      this.merge = new Merge(shards, order);
      this.order = order;
      this.last = after;
    }

    boolean hasNext() {
      while (pending == null && merge.hasNext()) {
        Row row = merge.next();
        if (last == null || order.compare(row, last) > 0 && !row.id().equals(last.id())) {
          pending = row;
        }
      }
      return pending != null;
    }

    String next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      last = pending;
      pending = null;
      return last.id();
    }

    /** The row last returned, or the one it resumed after. */
    Row last() {
      return last;
    }
  }
}
