package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets, each with what this run measured and whether it is met; printed last. */
final class Targets {
  private final List<String> rows = new ArrayList<>();

  /** A ratio that must not exceed {@code limit} (e.g. a save's p50 ÷ a raw {@code HSET}'s). */
  void atMost(String target, double measured, double limit) {
    add(target, measured, measured <= limit);
  }

  /** A ratio that must reach {@code limit} (e.g. {@code saveAll} throughput ÷ a raw pipeline's). */
  void atLeast(String target, double measured, double limit) {
    add(target, measured, measured >= limit);
  }

  /** A target this run could not measure, and why. */
  void notMeasured(String target, String why) {
    rows.add("| " + target + " | " + why + " | – |");
  }

  private void add(String target, double measured, boolean met) {
    rows.add(String.format(Locale.ROOT, measured >= 100 ? "| %s | %,.0f | %s |" : "| %s | %.2f | %s |",
        target, measured, met ? "met" : "**not met**"));
  }

  void print() {
    System.out.println("| target (issue 10) | measured | |");
    System.out.println("|---|--:|---|");
    rows.forEach(System.out::println);
    System.out.println();
  }
}
