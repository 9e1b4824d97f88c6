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
import java.util.List;

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
   * The {@code FT.AGGREGATE} arguments that return a row's sort values exactly: a numeric sort
   * key's value as the hash holds it ({@code LOAD} of its index field: the sort value in a row is
   * rounded to 12 digits, and two shards' rows that differ past them would merge out of order);
   * a tag's sort value is its hex, which comes whole.
   */
  static List<String> loadArguments(List<? extends Sort<?>> sort) {
    List<String> fields = new ArrayList<>();
    for (Sort<?> key : sort) {
      IndexField field = key.field().index();
      if (field.kind() == IndexKind.NUMERIC) {
        fields.add("@" + SearchSchema.hashField("n", field));
      }
    }
    if (fields.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(List.of("LOAD", Integer.toString(fields.size())));
    args.addAll(fields);
    return args;
  }

  /** One aggregate row as a merge row: its id (decoded) and the value of each sort key ({@code null}: none). */
  static Row row(List<?> fields, List<? extends Sort<?>> sort, SearchSchema schema) {
    String[] names = new String[sort.size()];
    for (int i = 0; i < names.length; i++) {
      IndexField field = sort.get(i).field().index();
      names[i] = field.kind() == IndexKind.NUMERIC ? SearchSchema.hashField("n", field) : "t" + schema.position(field);
    }
    String id = null;
    String[] values = new String[names.length];
    for (int f = 0; f + 1 < fields.size(); f += 2) {
      String name = String.valueOf(fields.get(f));
      String value = String.valueOf(fields.get(f + 1));
      if (name.equals("rkid")) {
        id = Hex.decode(value);
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
  static List<String> page(List<? extends Source> shards, List<? extends Sort<?>> sort, long offset, long limit) {
    Distinct rows = new Distinct(shards, sort);
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

  /** The merged ids, a duplicate (one document indexed on two shards mid-migration) left out. */
  static final class Distinct {
    private final Merge merge;
    private String last;
    private String pending;

    Distinct(List<? extends Source> shards, List<? extends Sort<?>> sort) {
      this.merge = new Merge(shards, PortableQueries.order(sort));
    }

    boolean hasNext() {
      while (pending == null && merge.hasNext()) {
        String id = merge.next().id();
        if (!id.equals(last)) {
          pending = id;
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
      return last;
    }
  }
}
