/**
 * Spring Boot auto-configuration of Rekord: {@link dev.rekord.spring.RekordAutoConfiguration},
 * its {@code rekord.*} properties ({@link dev.rekord.spring.RekordProperties}), the health
 * indicator and the builder customizer hook.
 */
package dev.rekord.spring;
