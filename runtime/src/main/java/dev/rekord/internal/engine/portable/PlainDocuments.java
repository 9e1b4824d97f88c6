package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Documents read by the engine with plain commands, as the caller reads them ({@code HGETALL}, a
 * map of fields decoded as the client reads, or {@code GET} of the JSON text): the chunks of a large
 * result ({@link SnapshotChunks}) and a cluster's first page ({@link PortableQueries#page}).
 */
final class PlainDocuments {

  private final RedisConnection connection;
  private final Form form;

  PlainDocuments(RedisConnection connection, Form form) {
    this.connection = connection;
    this.form = form;
  }

  /** The read of the document at {@code key}. */
  Command<?> read(String key) {
    return form == Form.JSON ? Commands.get(key) : Commands.hgetAll(key);
  }

  /**
   * The documents at {@code keys}, in their order, in one pipeline; each {@code null} where {@link
   * #found} finds none.
   */
  List<Object> readAll(List<String> keys) {
    Batch batch = connection.batch();
    List<Reply<?>> replies = new ArrayList<>(keys.size());
    for (String key : keys) {
      replies.add(batch.add(read(key)));
    }
    batch.execute();
    List<Object> documents = new ArrayList<>(keys.size());
    for (Reply<?> reply : replies) {
      documents.add(found(reply));
    }
    return documents;
  }

  /**
   * The document a read found: the JSON text, or the hash's fields and values; {@code null} when
   * there was none or the key holds another type (the caller reads it again to say which).
   */
  static Object found(Reply<?> read) {
    Object document;
    try {
      document = read.get();
    } catch (RedisCommandException wrongType) {
      return null;
    }
    return document instanceof Map<?, ?> fields && fields.isEmpty() ? null : document;
  }
}
