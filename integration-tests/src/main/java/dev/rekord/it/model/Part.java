package dev.rekord.it.model;

import dev.rekord.annotations.Tag;

/** A record inside a list: its indexed components are multi-valued fields of the model. */
public record Part(@Tag String code, @Tag Integer count) {}
