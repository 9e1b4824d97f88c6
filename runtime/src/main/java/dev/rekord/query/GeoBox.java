package dev.rekord.query;

import dev.rekord.model.GeoPoint;

/** The point lies within the box spanned by two opposite corners. */
public record GeoBox<R>(IndexedAttribute<R, ?> field, GeoPoint southWest, GeoPoint northEast)
    implements Condition<R> {}
