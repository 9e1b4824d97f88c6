/**
 * Rekord's annotations: {@code @RedisModel}, {@code @Id}, the index annotations and friends. No
 * dependencies; read at compile time by the processor.
 */
module dev.rekord.annotations {
  exports dev.rekord.annotations;
}
