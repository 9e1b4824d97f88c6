package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;

/** {@link MigrationTest} with {@link IndexLayout#COMPACT}: the same cases, the same results. */
class CompactMigrationTest extends MigrationTest {
  @Override
  Rekord rekord() {
    return Rekord.builder().url(target().url()).indexLayout(IndexLayout.COMPACT).build();
  }
}
