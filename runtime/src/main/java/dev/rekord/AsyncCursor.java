package dev.rekord;

import dev.rekord.internal.async.AsyncRunner;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A query's cursor whose pages arrive as futures ({@code members.async().cursor(query)}): the
 * synchronous {@link Query.Cursor} of the same query, each {@link #nextPage()} run on Rekord's
 * async executor, so the pages, their order and the snapshot semantics are those of {@link
 * Query#iterator()}.
 *
 * <pre>{@code
 * AsyncCursor<Member> cursor = members.async().cursor(members.find(Member_.city.eq("Oslo")).pageSize(100));
 * cursor.nextPage().thenAccept(page -> ...); // then the next, once this one completed
 * }</pre>
 *
 * <p><b>One page at a time.</b> Ask for the next page once the previous future completed (an empty
 * page: the end, and the cursor closed itself); asking earlier throws {@link
 * IllegalStateException}.
 *
 * <p><b>Cancellation loses nothing.</b> A page whose future is cancelled before it started loading
 * is not read; one cancelled while loading is kept and is what the next {@link #nextPage()}
 * returns, so no document is skipped. Close the cursor when abandoning it early: it drops the
 * server-side snapshot (waiting for a page that is loading).
 *
 * @param <E> the records of the query
 */
public final class AsyncCursor<E> implements AutoCloseable {

  private final Query.Cursor<E> cursor;
  private final AsyncRunner runner;
  /** Guards the cursor and {@link #kept}: one page loads at a time, in order. */
  private final Object lock = new Object();
  /** A page loaded for a future cancelled meanwhile: the next page handed out. */
  private List<E> kept;
  private CompletableFuture<List<E>> last;

  AsyncCursor(Query.Cursor<E> cursor, AsyncRunner runner) {
    this.cursor = cursor;
    this.runner = runner;
  }

  /**
   * The next page (up to the query's {@link Query#pageSize} documents, one round trip), empty at
   * the end.
   *
   * @throws IllegalStateException when the previous page's future has not completed yet
   */
  public synchronized CompletableFuture<List<E>> nextPage() {
    if (last != null && !last.isDone()) {
      throw new IllegalStateException("the previous page is still loading: ask for the next once it completed");
    }
    CompletableFuture<List<E>> page = new CompletableFuture<>();
    last = page;
    runner.submit(() -> {
      load(page);
      return null;
    }).whenComplete((ignored, failure) -> {
      if (failure != null) {
        page.completeExceptionally(failure); // not run at all: Rekord is closed
      }
    });
    return page;
  }

  private void load(CompletableFuture<List<E>> page) {
    if (page.isDone()) {
      return; // cancelled before it started: nothing read
    }
    synchronized (lock) {
      List<E> loaded;
      try {
        loaded = kept != null ? kept : cursor.nextPage();
        kept = null;
      } catch (RuntimeException | Error e) {
        page.completeExceptionally(e);
        return;
      }
      if (!page.complete(loaded) && !loaded.isEmpty()) {
        kept = loaded; // cancelled while it loaded: the next call hands it out
      }
    }
  }

  /** Drops the server-side snapshot, after a page that is loading; idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      kept = null;
      cursor.close();
    }
  }
}
