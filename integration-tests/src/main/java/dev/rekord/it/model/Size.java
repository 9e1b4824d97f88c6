package dev.rekord.it.model;

import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.Tag;

/** An embedded record with indexed components (paths {@code size.width}, {@code size.unit}). */
public record Size(@Numeric(sortable = true) Integer width, @Tag(caseSensitive = false) String unit) {}
