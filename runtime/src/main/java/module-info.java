/**
 * Rekord's runtime: connections, repositories and queries for records compiled with Rekord's
 * annotation processor.
 *
 * <p>Applications use {@code dev.rekord} (the entry point {@link dev.rekord.Rekord}, repositories
 * and queries), {@code dev.rekord.query} and {@code dev.rekord.metamodel} (conditions built from
 * the generated {@code Member_}), {@code dev.rekord.model} (model descriptions and value types such
 * as {@code GeoPoint}), {@code dev.rekord.exception}, {@code dev.rekord.schema} (migration and
 * verification reports), {@code dev.rekord.health} (what {@code rekord.health()} reports), {@code
 * dev.rekord.connection} (connection settings and the raw-command escape hatch), and the toolkit:
 * {@code dev.rekord.values}, {@code dev.rekord.cache}, {@code dev.rekord.ratelimit} and {@code
 * dev.rekord.config}. {@code dev.rekord.codec} is exported for generated code only. Everything under
 * {@code dev.rekord.internal} is not exported and may change in any release.
 *
 * <p>On the module path, an application module declares its models as services, since {@code
 * META-INF/services} files are not read for named modules:
 *
 * <pre>{@code
 * module com.acme.app {
 *   requires dev.rekord.runtime;
 *   provides dev.rekord.model.RekordModel with com.acme.MemberModel;
 * }
 * }</pre>
 */
module dev.rekord.runtime {
  requires transitive dev.rekord.annotations;
  requires com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires redis.clients.jedis;
  // Jedis is an automatic module and cannot say what it needs; its connection pool is this module
  requires org.apache.commons.pool2;
  requires org.slf4j;
  // optional: metrics and tracing, only when the application passes a registry
  requires static micrometer.core;
  requires static micrometer.observation;
  // generated code is annotated @javax.annotation.processing.Generated (source retention only)
  requires static transitive java.compiler;

  exports dev.rekord;
  exports dev.rekord.cache;
  exports dev.rekord.changes;
  exports dev.rekord.codec;
  exports dev.rekord.config;
  exports dev.rekord.connection;
  exports dev.rekord.exception;
  exports dev.rekord.health;
  exports dev.rekord.metamodel;
  exports dev.rekord.model;
  exports dev.rekord.query;
  exports dev.rekord.ratelimit;
  exports dev.rekord.schema;
  exports dev.rekord.update;
  exports dev.rekord.values;

  uses dev.rekord.model.RekordModel;
}
