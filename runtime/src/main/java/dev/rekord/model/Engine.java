package dev.rekord.model;

/**
 * Which query engine runs a model's index and queries ({@code Rekord.Builder.engine}); the choice
 * made for each model is logged at its first use and returned by {@code Rekord.engineOf}. Both
 * engines answer the same typed queries with the same results; see {@code docs/search-engine.md}.
 */
public enum Engine {
  /**
   * Rekord's own secondary indexes in core data structures, kept by Lua scripts: any Redis 7 or
   * later, Valkey, standalone or cluster.
   */
  PORTABLE,
  /**
   * The Redis Query Engine (RediSearch: Redis 8, Redis Stack): {@code FT.CREATE} indexes and
   * {@code FT.SEARCH}/{@code FT.AGGREGATE} queries. Needs the module on a standalone server and a
   * model stored as a hash; a model that cannot run on it is a configuration error naming it.
   */
  SEARCH,
  /**
   * The search engine for every hash model when the server has the Redis Query Engine and is not a
   * cluster, else the portable engine; the default.
   */
  AUTO
}
