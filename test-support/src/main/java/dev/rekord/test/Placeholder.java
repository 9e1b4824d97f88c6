package dev.rekord.test;
/** Placeholder. */
final class Placeholder { private Placeholder() {} }
