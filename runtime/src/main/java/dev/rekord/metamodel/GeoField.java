package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexField;
import dev.rekord.query.Condition;
import dev.rekord.query.DistanceUnit;
import dev.rekord.query.GeoBox;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.IndexedAttribute;

/** A geo point field: radius and box queries. */
public class GeoField<R> extends IndexedAttribute<R, GeoPoint> {

  public GeoField(IndexField index, ValueCodec<GeoPoint> codec) {
    super(index, codec);
  }

  public Condition<R> within(GeoPoint center, double radius, DistanceUnit unit) {
    return new GeoRadius<>(this, center, radius, unit);
  }

  public Condition<R> withinBox(GeoPoint southWest, GeoPoint northEast) {
    return new GeoBox<>(this, southWest, northEast);
  }
}
