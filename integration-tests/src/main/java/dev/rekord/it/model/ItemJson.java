package dev.rekord.it.model;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Every index kind on nullable components, stored as Json; see {@link Item}. */
@RedisModel(prefix = "item-json", storage = Storage.JSON)
public record ItemJson(
    @Id String id,
    @Tag(sortable = true) String sku,
    @Tag(caseSensitive = false, sortable = true) String label,
    @Numeric(sortable = true) Integer qty,
    @Numeric(sortable = true) Double price,
    @Indexed(sortable = true) BigDecimal cost,
    @Indexed(sortable = true) LocalDate made,
    @Indexed(sortable = true) Instant seen,
    @Text String notes,
    @Geo GeoPoint where,
    @Tag List<String> tags,
    @Tag(caseSensitive = false) List<String> topics,
    List<Part> parts,
    Size size)
    implements Item {}
