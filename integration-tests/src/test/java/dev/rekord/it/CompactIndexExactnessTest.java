package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;

/** {@link IndexExactnessTest} with {@link IndexLayout#COMPACT}. */
class CompactIndexExactnessTest extends IndexExactnessTest {
  @Override
  Rekord.Builder builder() {
    return super.builder().indexLayout(IndexLayout.COMPACT);
  }
}
