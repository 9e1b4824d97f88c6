/**
 * Health of a Rekord connection and its models: {@link dev.rekord.health.HealthReport}, as {@code
 * rekord.health()} returns it.
 */
package dev.rekord.health;
