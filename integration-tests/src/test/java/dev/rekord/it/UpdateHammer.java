package dev.rekord.it;

import static dev.rekord.update.Update.add;
import static dev.rekord.update.Update.append;
import static dev.rekord.update.Update.increment;

import dev.rekord.Rekord;
import dev.rekord.it.model.TallyRepository;
import dev.rekord.it.model.Tally_;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Partial updates from a process of their own, for {@link TwoProcessUpdateTest}: {@code
 * UpdateHammer <url> <name> <threads> <rounds> <id>…} has each thread increment, append to and add
 * to the documents in turn, tagging what it adds with {@code name:thread:round}.
 */
public final class UpdateHammer {

  private UpdateHammer() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args[0], args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
        List.of(args).subList(4, args.length)));
  }

  /** Runs the threads to their end; 0 when every update went through. */
  static int run(String url, String name, int threads, int rounds, List<String> ids) throws Exception {
    try (Rekord rekord = Rekord.connect(url)) {
      TallyRepository tallies = new TallyRepository(rekord);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(pool.submit(() -> {
            for (int r = 0; r < rounds; r++) {
              String tag = name + ":" + thread + ":" + r;
              tallies.update(ids.get(r % ids.size()), increment(Tally_.count, 1), append(Tally_.events, tag),
                  add(Tally_.labels, tag));
            }
            return null;
          }));
        }
        for (Future<?> future : done) {
          future.get();
        }
      } finally {
        pool.shutdown();
      }
    }
    return 0;
  }
}
