package dev.rekord.internal.engine.search;

import dev.rekord.annotations.Storage;
import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.model.RekordModel;
import java.util.List;

/**
 * Whether a server and a model can run on the search engine: the server must have the Redis Query
 * Engine ({@code FT._LIST} answers, or {@code MODULE LIST} names {@code search}; on a cluster the
 * node asked, every node being expected to have it); the model must be stored as a hash (the Query
 * Engine indexes JSON only with RedisJSON, and Rekord stores JSON models as plain strings).
 */
public final class SearchSupport {

  private SearchSupport() {}

  /**
   * Whether the server {@code connection} talks to has the Redis Query Engine: {@code FT._LIST}
   * answers (a server without the module knows no such command, which no ACL log records); where
   * an ACL refuses {@code FT._LIST}, {@code MODULE LIST} is asked.
   */
  public static boolean hasModule(RedisConnection connection) {
    try {
      connection.execute(Command.of("FT._LIST", List.of(), List.of()));
      return true;
    } catch (RedisCommandException e) {
      if (!String.valueOf(e.getMessage()).contains("NOPERM")) {
        return false; // ERR unknown command
      }
      try {
        return names(connection.execute(Command.of("MODULE", List.of(), List.of("LIST"))));
      } catch (RedisCommandException refused) {
        return false;
      }
    }
  }

  /**
   * Whether a {@code MODULE LIST} reply names the Query Engine: per module a list {@code name,
   * search, ver, …} (RESP2) or a map whose entries print as {@code name=search} (RESP3, as the
   * connection hands entries over).
   */
  private static boolean names(Object reply) {
    if (!(reply instanceof List<?> list)) {
      return false;
    }
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      String text = String.valueOf(item);
      if (item instanceof List<?> && names(item)
          || "name".equals(text) && i + 1 < list.size() && isSearch(String.valueOf(list.get(i + 1)))
          || text.startsWith("name=") && isSearch(text.substring("name=".length()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSearch(String module) {
    return module.equalsIgnoreCase("search") || module.equalsIgnoreCase("searchlight");
  }

  /**
   * Why {@code model} cannot run on the search engine of this server, or {@code null} when it can.
   *
   * @param module whether the server has the Redis Query Engine
   */
  public static String obstacle(RekordModel<?, ?> model, boolean module) {
    if (model.storage() != Storage.HASH) {
      return model.name() + " is stored as JSON text (a plain string), which the Redis Query Engine cannot"
          + " index (that needs RedisJSON); store it as a hash (@RedisModel(storage = Storage.HASH)) or run"
          + " it on the portable engine (engine(Engine.PORTABLE) or Engine.AUTO)";
    }
    if (!module) {
      return model.name() + " cannot run on the search engine: the server has no Redis Query Engine"
          + " (MODULE LIST names no 'search' module); use Redis 8 or Redis Stack, or Engine.PORTABLE";
    }
    return null;
  }
}
