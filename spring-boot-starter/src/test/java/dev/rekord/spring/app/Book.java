package dev.rekord.spring.app;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;

/** A model of the test application. */
@RedisModel(prefix = "book")
public record Book(@Id String id, @Indexed String author, String title) {}
