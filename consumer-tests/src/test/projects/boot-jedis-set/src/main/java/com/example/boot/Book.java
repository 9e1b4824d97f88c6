package com.example.boot;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;

@RedisModel(prefix = "book")
public record Book(@Id String id, @Indexed String author, String title) {}
