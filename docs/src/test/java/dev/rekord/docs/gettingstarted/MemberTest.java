package dev.rekord.docs.gettingstarted;

/*
 * The first test of a new project, shown in the README; consumer-tests builds a project from the
 * README's pom, Member and this class (in package com.example) and runs it.
 */
// tag::test[]
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class) // a throwaway redis-server for this class, flushed before each test
class MemberTest {

  @Test
  void savesFindsAndQueries(RedisServer redis) {
    try (Rekord rekord = Rekord.connect(redis.url())) {
      MemberRepository members = new MemberRepository(rekord); // generated from Member
      Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));

      assertEquals(Optional.of(ada), members.findById(ada.id()));
      assertEquals(List.of(ada), members.find(Member_.city.eq("Oslo")).list());
    }
  }
}
// end::test[]
