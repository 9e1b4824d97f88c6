package dev.rekord.it;

import dev.rekord.model.IndexLayout;
import org.junit.jupiter.api.BeforeAll;

/** {@link ExpiryControlTest} with {@link IndexLayout#COMPACT}, standalone and cluster (this {@code connect} hides the base one). */
class CompactExpiryControlTest extends ExpiryControlTest {
  @BeforeAll
  static void connect() {
    connect(IndexLayout.COMPACT);
  }
}
