package dev.rekord.query;

import dev.rekord.model.GeoPoint;

/** The point lies within {@code radius} of {@code center}. */
public record GeoRadius<R>(IndexedAttribute<R, ?> field, GeoPoint center, double radius, DistanceUnit unit)
    implements Condition<R> {}
