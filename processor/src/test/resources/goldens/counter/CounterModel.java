package com.acme;

import dev.rekord.annotations.Storage;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IdKind;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import javax.annotation.processing.Generated;

/**
 * The Rekord model of {@link Counter}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class CounterModel implements RekordModel<Counter, Long> {
  public static final CounterModel INSTANCE = new CounterModel();

  private static final Duration DEFAULT_TTL = Duration.ofSeconds(3600L);

  /**
   * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
   */
  public CounterModel() {
  }

  @Override
  public String name() {
    return "Counter";
  }

  @Override
  public Class<Counter> type() {
    return Counter.class;
  }

  @Override
  public String keyPrefix() {
    return "counter";
  }

  @Override
  public Storage storage() {
    return Storage.HASH;
  }

  @Override
  public Duration defaultTtl() {
    return DEFAULT_TTL;
  }

  @Override
  public IdKind idKind() {
    return IdKind.LONG;
  }

  @Override
  public Long id(Counter entity) {
    return entity.id();
  }

  @Override
  public Counter withId(Counter entity, Long id) {
    return new Counter(
        id,
        entity.version(),
        entity.value(),
        entity.json(),
        entity.hash(),
        entity.key(),
        entity.fields(),
        entity.entity(),
        entity.text());
  }

  @Override
  public String idToString(Long id) {
    return Long.toString(id);
  }

  @Override
  public Long idFromString(String text) {
    return Long.valueOf(text);
  }

  @Override
  public DocumentCodec<Counter> codec() {
    return CounterCodec.INSTANCE;
  }

  @Override
  public IndexDefinition index() {
    return CounterIndex.DEFINITION;
  }

  @Override
  public String versionField() {
    return "version";
  }

  @Override
  public long version(Counter entity) {
    return entity.version();
  }

  @Override
  public Counter withVersion(Counter entity, long version) {
    return new Counter(
        entity.id(),
        version,
        entity.value(),
        entity.json(),
        entity.hash(),
        entity.key(),
        entity.fields(),
        entity.entity(),
        entity.text());
  }
}
