package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void upperSnake() {
    assertThat(Names.upperSnake("city")).isEqualTo("CITY");
    assertThat(Names.upperSnake("joinDate")).isEqualTo("JOIN_DATE");
    assertThat(Names.upperSnake("address.city")).isEqualTo("ADDRESS_CITY");
    assertThat(Names.upperSnake("LocalDate")).isEqualTo("LOCAL_DATE");
    assertThat(Names.upperSnake("URLPath")).isEqualTo("URL_PATH");
    assertThat(Names.upperSnake("line2Name")).isEqualTo("LINE2_NAME");
    assertThat(Names.upperSnake("first-name")).isEqualTo("FIRST_NAME");
  }

  @Test
  void upperCamel() {
    assertThat(Names.upperCamel("address")).isEqualTo("Address");
    assertThat(Names.upperCamel("emergency.address")).isEqualTo("EmergencyAddress");
  }
}
