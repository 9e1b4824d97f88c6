package dev.rekord.it.model;

import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.Tag;

/** The embedded record of {@link Resident}, whose fields take part in compound indexes. */
public record Home(@Tag String country, @Numeric(sortable = true) int floor) {}
