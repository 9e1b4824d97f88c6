package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The server's cost of one kind of save, for {@code benchmarks/callgrind-saves.sh}: warms up (scripts
 * loaded, schema record made), then, between two lines on standard output ({@code measure} and
 * {@code done}) that the script answers by zeroing and dumping callgrind's counters, runs {@code n}
 * saves of fresh documents of one kind.
 *
 * <pre>{@code SaveCost <port> <kind> <n>}</pre>
 * kinds: {@code rekord} (save), {@code lua} (the hand-written EVALSHA of HSET+SADD+SADD+ZADD),
 * {@code exact} (the hand-written exact EVALSHA), {@code same} (the exact EVALSHA in Rekord's layout: the
 * same index writes), {@code hset}, {@code rekord-new} (save of a new entity: its id generated),
 * {@code same-transaction} (the same writes of a new document in one pipelined {@code MULTI … EXEC});
 * per batch of 500 ({@code rekord-all-new}: saveAll of new entities, their ids generated): {@code rekord-all} (saveAll), {@code
 * commands-all} (a pipeline of HSET+SADD+SADD+ZADD), {@code same-all} (a pipeline of Rekord's writes),
 * {@code hset-all};
 * {@code rekord-compact} and {@code rekord-all-compact}: Rekord's with {@link IndexLayout#COMPACT}.
 */
public final class SaveCost {
  private SaveCost() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    boolean compact = args[1].endsWith("-compact");
    String kind = compact ? args[1].substring(0, args[1].length() - "-compact".length()) : args[1];
    int n = Integer.parseInt(args[2]);
    try (Rekord rekord = RekordSide.connect("redis://localhost:" + port, 0,
        compact ? IndexLayout.COMPACT : IndexLayout.STANDARD)) {
      RekordSide side = new RekordSide(rekord);
      RawJedis raw = new RawJedis("localhost", port);
      Consumer<List<Member>> run = switch (kind) {
        case "rekord" -> batch -> batch.forEach(side::save);
        case "lua" -> batch -> batch.forEach(raw::saveLua);
        case "exact" -> batch -> batch.forEach(raw::saveExact);
        case "same" -> batch -> batch.forEach(raw::saveSameLayout);
        case "hset" -> batch -> batch.forEach(raw::hset);
        case "same-transaction" -> batch -> batch.forEach(raw::saveSameTransaction);
        case "rekord-new" -> batch -> batch.forEach(m -> side.save(m.withoutId()));
        case "rekord-all" -> side::saveAll;
        case "rekord-all-new" -> batch -> side.saveAll(batch.stream().map(Member::withoutId).toList());
        case "commands-all" -> raw::saveAllCommands;
        case "same-all" -> raw::saveAllSameLayout;
        case "hset-all" -> raw::hsetAll;
        default -> throw new IllegalArgumentException("unknown kind " + kind);
      };
      run.accept(members("w", 500));
      List<Member> measured = members("m", n);
      System.out.println("measure");
      System.out.flush();
      System.in.read(); // the script has zeroed the counters
      run.accept(measured);
      System.out.println("done");
      System.out.flush();
      System.in.read();
    }
  }

  private static List<Member> members(String prefix, int n) {
    List<Member> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      members.add(Dataset.member(prefix + i, i));
    }
    return members;
  }
}
