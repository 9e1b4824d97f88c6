/**
 * Records compiled by the real Rekord processor, as in a user's build. Together they use every
 * supported value type, both storages, every id kind and every index annotation.
 */
package dev.rekord.it.model;
