package dev.rekord.internal.engine.search;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.KeyLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@link SearchWrites#saveAll} joins its items into calls of {@link SearchScripts#WRITE}: into
 * pipelines in which no id comes twice ({@link #rounds}), and within one, into calls of one bucket
 * each ({@link #join}) — one hash slot, so a call runs on one cluster node.
 */
final class JoinedWrites {

  private JoinedWrites() {}

  /**
   * The positions of {@code writes} split so that each part holds an id at most once: the first
   * part every id's first write, the second every repeated id's second, and so on, each in order.
   * Almost always one part, all of them.
   */
  static List<List<Integer>> rounds(List<QueryEngine.Write> writes) {
    List<List<Integer>> rounds = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int position = 0; position < writes.size(); position++) {
      int round = seen.merge(((SearchWrites.Item) writes.get(position)).id(), 1, Integer::sum) - 1;
      if (round == rounds.size()) {
        rounds.add(new ArrayList<>());
      }
      rounds.get(round).add(position);
    }
    return rounds;
  }

  /**
   * The positions of {@code round} (distinct ids) grouped by bucket, each group cut into calls of at
   * most {@code most} items; a fenced item (its lock and fencing keys end its call) is a call alone.
   */
  static List<List<Integer>> join(List<QueryEngine.Write> writes, List<Integer> round, KeyLayout layout, int most) {
    Map<Integer, List<Integer>> open = new LinkedHashMap<>();
    List<List<Integer>> calls = new ArrayList<>();
    for (int position : round) {
      SearchWrites.Item item = (SearchWrites.Item) writes.get(position);
      if (!item.token().isEmpty()) {
        calls.add(List.of(position));
        continue;
      }
      List<Integer> call = open.computeIfAbsent(layout.bucketOf(item.id()), b -> new ArrayList<>());
      call.add(position);
      if (call.size() == most) {
        calls.add(List.copyOf(call));
        call.clear();
      }
    }
    for (List<Integer> call : open.values()) {
      if (!call.isEmpty()) {
        calls.add(call);
      }
    }
    return calls;
  }
}
