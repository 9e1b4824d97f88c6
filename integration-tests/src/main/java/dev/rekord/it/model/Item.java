package dev.rekord.it.model;

import dev.rekord.model.GeoPoint;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The shape of {@link ItemHash} and {@link ItemJson}: the same components in both storages, so
 * one in-memory evaluation (written against these accessors) checks queries on both.
 */
public interface Item {
  String id();

  /** A case-sensitive, sortable tag. */
  String sku();

  /** A case-insensitive, sortable tag. */
  String label();

  Integer qty();

  Double price();

  BigDecimal cost();

  LocalDate made();

  Instant seen();

  String notes();

  GeoPoint where();

  List<String> tags();

  List<String> topics();

  List<Part> parts();

  Size size();
}
