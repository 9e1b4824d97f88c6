package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Version;

/** A boxed {@code Integer} {@code @Version} on a JSON document (Ticket: a {@code long} one in a hash). */
@RedisModel(prefix = "note", storage = Storage.JSON)
public record Note(@Id String id, @Version Integer version, @Indexed String text) {}
