package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;

/** {@link CompoundIndexDifferentialTest} with {@link IndexLayout#COMPACT}: the same seed, queries and expected results. */
class CompactCompoundIndexDifferentialTest extends CompoundIndexDifferentialTest {
  @Override
  Rekord connect(int buckets) {
    return Rekord.builder().url(target().url()).buckets(buckets).indexLayout(IndexLayout.COMPACT).build();
  }
}
