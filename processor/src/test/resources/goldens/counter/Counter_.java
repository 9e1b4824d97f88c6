package com.acme;

import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.SortableNumericField;
import dev.rekord.model.IndexDefinition;
import dev.rekord.query.Attribute;
import javax.annotation.processing.Generated;

/**
 * Static metamodel for {@link Counter}: typed fields for queries.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class Counter_ {
  /**
   * Static metamodel for {@link Counter#id}.
   */
  public static final Attribute<Counter, Long> id = new Attribute<>("id", ValueCodecs.LONG);

  /**
   * Static metamodel for {@link Counter#version}.
   */
  public static final Attribute<Counter, Long> version = new Attribute<>("version", ValueCodecs.LONG);

  /**
   * Static metamodel for {@link Counter#value}.
   */
  public static final SortableNumericField<Counter, Integer> value = new SortableNumericField<>(CounterIndex.VALUE, ValueCodecs.INT);

  /**
   * Static metamodel for {@link Counter#json}.
   */
  public static final Attribute<Counter, String> json = new Attribute<>("json", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Counter#hash}.
   */
  public static final Attribute<Counter, String> hash = new Attribute<>("hash", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Counter#key}.
   */
  public static final Attribute<Counter, String> key = new Attribute<>("key", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Counter#fields}.
   */
  public static final Attribute<Counter, String> fields = new Attribute<>("fields", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Counter#entity}.
   */
  public static final Attribute<Counter, String> entity = new Attribute<>("entity", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Counter#text}.
   */
  public static final Attribute<Counter, Character> text = new Attribute<>("text", ValueCodecs.CHAR);

  /**
   * The index definition of {@link Counter}.
   */
  public static final IndexDefinition INDEX = CounterIndex.DEFINITION;

  private Counter_() {
  }
}
