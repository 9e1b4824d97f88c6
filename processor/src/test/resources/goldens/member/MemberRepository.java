package com.acme;

import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import javax.annotation.processing.Generated;

/**
 * Repository of {@link Member} documents.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class MemberRepository extends RekordRepository<Member, String> {
  /**
   * A repository of {@link Member} documents stored through {@code rekord}.
   */
  public MemberRepository(Rekord rekord) {
    super(rekord, MemberModel.INSTANCE);
  }
}
