package dev.rekord.docs.modelling;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Indexed;

// tag::model[]
public record Address(String street, @Indexed String city, @Geo GeoPoint location) {}
// end::model[]
