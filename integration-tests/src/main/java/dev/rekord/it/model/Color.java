package dev.rekord.it.model;

/** An enum, stored by constant name. */
public enum Color {
  RED,
  GREEN,
  BLUE
}
