package dev.rekord.it.model;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Indexed;

/** An embedded record (not a model of its own). */
public record Address(String street, @Indexed String city, GeoPoint location) {}
