package dev.rekord.it.model;

import java.time.LocalDate;

/** A record held in a list: stored as JSON objects inside the list's JSON array. */
public record Place(String name, LocalDate visited, Color color) {}
