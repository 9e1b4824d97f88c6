package dev.rekord;

import java.util.List;

/** The test record; its codec and models are written by hand as the processor would generate them. */
public record Member(String id, String city, int age, List<String> tags) {

  public Member {
    if (age < 0) {
      throw new IllegalArgumentException("age must not be negative");
    }
  }

  Member withId(String newId) {
    return new Member(newId, city, age, tags);
  }
}
