package dev.rekord.cluster;

import dev.rekord.exception.RekordException;
import dev.rekord.Member;
import dev.rekord.RekordRepository;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Saves and updates {@code ids} documents round-robin on its own thread — every other write a
 * {@code saveAll} of the one document (on a cluster a transaction of its bucket's slot, where a
 * {@code save} is one script) —, recording for each id the
 * last acknowledged value ({@code age}) and the values of later writes whose outcome is unknown
 * (they failed, so may or may not have been applied). A correct store holds, for every id, the
 * last acknowledged value or one of those later ones.
 */
final class Writer implements Runnable {
  private final RekordRepository<Member, String> repo;
  private final String prefix;
  private final int ids;
  private final AtomicBoolean running = new AtomicBoolean(true);
  final Map<String, Integer> acknowledged = new HashMap<>();
  final Map<String, Set<Integer>> uncertain = new HashMap<>();
  final AtomicInteger acks = new AtomicInteger();
  final AtomicInteger failures = new AtomicInteger();
  volatile RekordException lastFailure;
  /** Every write's outcome, in order: for timelines. */
  final List<Event> events = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Thread thread;

  Writer(RekordRepository<Member, String> repo, String prefix, int ids) {
    this.repo = repo;
    this.prefix = prefix;
    this.ids = ids;
    this.thread = new Thread(this, "writer-" + prefix);
  }

  Writer start() {
    thread.start();
    return this;
  }

  @Override
  public void run() {
    int value = 0;
    while (running.get()) {
      String id = prefix + (value % ids);
      Member member = new Member(id, "City" + (value % 7), value, null);
      long started = System.nanoTime();
      try {
        if (value % 2 == 0) {
          repo.save(member);
        } else {
          repo.saveAll(List.of(member));
        }
        events.add(new Event(started, System.nanoTime(), id, null));
        synchronized (this) {
          acknowledged.put(id, value);
          uncertain.remove(id);
        }
        acks.incrementAndGet();
      } catch (RekordException e) {
        synchronized (this) {
          uncertain.computeIfAbsent(id, k -> new HashSet<>()).add(value);
        }
        failures.incrementAndGet();
        lastFailure = e;
        events.add(new Event(started, System.nanoTime(), id, e.getMessage()));
      }
      value++;
    }
  }

  /** One write: when it started and ended, and its error ({@code null}: acknowledged). */
  record Event(long startNanos, long endNanos, String id, String error) {}

  /** The events so far. */
  List<Event> events() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  /** Whether every id's latest write was acknowledged (no write's outcome is unknown). */
  synchronized boolean nothingUncertain() {
    return uncertain.isEmpty();
  }

  /** The writer thread's stack, for a failure message. */
  String stack() {
    StringBuilder out = new StringBuilder();
    for (StackTraceElement e : thread.getStackTrace()) {
      out.append("\n  at ").append(e);
    }
    return out.toString();
  }

  void stop() throws InterruptedException {
    running.set(false);
    thread.join(60_000);
  }

  /** Whether {@code stored} (null: no document) is a value the writes allow for {@code id}. */
  synchronized boolean allows(String id, Integer stored) {
    Integer acked = acknowledged.get(id);
    Set<Integer> maybe = uncertain.getOrDefault(id, Set.of());
    if (stored == null) {
      return acked == null;
    }
    return stored.equals(acked) || maybe.contains(stored);
  }
}
