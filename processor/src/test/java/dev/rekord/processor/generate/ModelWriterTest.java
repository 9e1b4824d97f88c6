package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import dev.rekord.processor.model.ModelDescription;
import org.junit.jupiter.api.Test;

class ModelWriterTest {

  @Test
  void aModelThatRefreshesOnReadSaysSoAndOthersKeepTheRuntimeDefault() {
    ModelDescription plain = TestModels.member().description();
    ModelDescription refreshing = new ModelDescription(plain.recordType(), plain.keyPrefix(), plain.storage(), 60,
        plain.properties(), plain.compoundIndexes(), true);

    String source = new ModelWriter().write(refreshing).toString();

    assertThat(source).contains("  public boolean refreshTtlOnRead() {\n    return true;\n  }");
    assertThat(source).contains("Duration.ofSeconds(60L)");
    assertThat(new ModelWriter().write(plain).toString()).doesNotContain("refreshTtlOnRead");
  }
}
