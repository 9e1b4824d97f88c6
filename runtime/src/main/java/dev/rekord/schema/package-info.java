/**
 * Start-up migrations of the portable index: {@code Rekord.migrate()} creates, verifies and
 * rebuilds each model's index and returns a {@link dev.rekord.schema.MigrationReport}, reporting
 * progress to a {@link dev.rekord.schema.MigrationListener}; {@link
 * dev.rekord.schema.IndexVerifier} checks documents and index against each other. Migrations log
 * through SLF4J (see {@code docs/logging.md}).
 */
package dev.rekord.schema;
