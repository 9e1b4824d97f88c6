package dev.rekord.it.model;

import dev.rekord.annotations.Tag;

/** An embedded record that embeds another: two levels of nesting below a model. */
public record Contact(String name, @Tag(caseSensitive = false) String email, Address address) {}
