/**
 * Configuration values with versions, a bounded history and watches that every instance of an
 * application sees change ({@link dev.rekord.config.ConfigStore}, from {@code rekord.config()}).
 */
package dev.rekord.config;
