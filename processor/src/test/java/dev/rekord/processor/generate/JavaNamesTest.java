package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class JavaNamesTest {

  @Test
  void upperSnake() {
    assertThat(JavaNames.upperSnake("city")).isEqualTo("CITY");
    assertThat(JavaNames.upperSnake("joinDate")).isEqualTo("JOIN_DATE");
    assertThat(JavaNames.upperSnake("address.city")).isEqualTo("ADDRESS_CITY");
    assertThat(JavaNames.upperSnake("LocalDate")).isEqualTo("LOCAL_DATE");
    assertThat(JavaNames.upperSnake("URLPath")).isEqualTo("URL_PATH");
    assertThat(JavaNames.upperSnake("line2Name")).isEqualTo("LINE2_NAME");
    assertThat(JavaNames.upperSnake("first-name")).isEqualTo("FIRST_NAME");
  }

  @Test
  void upperCamel() {
    assertThat(JavaNames.upperCamel("address")).isEqualTo("Address");
    assertThat(JavaNames.upperCamel("emergency.address")).isEqualTo("EmergencyAddress");
  }
}
