/**
 * Reports of index maintenance: {@code Rekord.migrate()} creates, verifies and rebuilds each
 * model's index and returns a {@link dev.rekord.schema.MigrationReport}, reporting progress to a
 * {@link dev.rekord.schema.MigrationListener}; {@code repository.verifyIndex()} compares documents
 * and index and returns an {@link dev.rekord.schema.IndexReport}. Migrations log through SLF4J
 * (see {@code docs/logging.md}).
 */
package dev.rekord.schema;
