package dev.rekord.it;

import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.Query;
import dev.rekord.RekordRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/** What the differential query tests share: their writes and the queries they compare. */
final class Differential {
  private Differential() {}

  /**
   * Saves {@code count} new records in one batch, then makes {@code changes} random writes to them
   * (a third deletes, the rest saves a new record under the id), so the index has moved and
   * removed entries; {@code saved} mirrors every write.
   */
  static <R> void write(RekordRepository<R, String> repository, Map<String, ? super R> saved,
      Function<? super R, String> id, IntFunction<? extends R> created, Function<String, ? extends R> replaced,
      int count, int changes, Random random) {
    List<R> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      R record = created.apply(i);
      batch.add(record);
      saved.put(id.apply(record), record);
    }
    repository.saveAll(batch);
    List<String> ids = new ArrayList<>(saved.keySet());
    for (int i = 0; i < changes; i++) {
      String changed = ids.get(random.nextInt(ids.size()));
      if (random.nextInt(3) == 0) {
        repository.deleteById(changed);
        saved.remove(changed);
      } else {
        R record = replaced.apply(changed);
        repository.save(record);
        saved.put(changed, record);
      }
    }
  }

  /** The query for {@code condition} ({@code null}: all), sorted, from {@code offset}, at most {@code limit} ({@code -1}: all). */
  static <R> Query<R, String> query(RekordRepository<R, String> repository, Condition<R> condition,
      List<Sort<R>> sort, long offset, long limit) {
    Query<R, String> query = condition == null ? repository.findAll() : repository.find(condition);
    if (!sort.isEmpty()) {
      query = query.sortBy(sortArray(sort));
    }
    if (offset > 0) {
      query = query.offset(offset);
    }
    if (limit >= 0) {
      query = query.limit(limit);
    }
    return query;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <R> Sort<R>[] sortArray(List<Sort<R>> sort) {
    return sort.toArray(new Sort[0]);
  }
}
