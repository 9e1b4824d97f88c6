package com.acme;

import dev.rekord.annotations.Storage;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IdKind;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import javax.annotation.processing.Generated;

/**
 * The Rekord model of {@link Member}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class MemberModel implements RekordModel<Member, String> {
  public static final MemberModel INSTANCE = new MemberModel();

  private static final Duration DEFAULT_TTL = Duration.ZERO;

  /**
   * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
   */
  public MemberModel() {
  }

  @Override
  public String name() {
    return "Member";
  }

  @Override
  public Class<Member> type() {
    return Member.class;
  }

  @Override
  public String keyPrefix() {
    return "member";
  }

  @Override
  public Storage storage() {
    return Storage.HASH;
  }

  @Override
  public Duration defaultTtl() {
    return DEFAULT_TTL;
  }

  @Override
  public IdKind idKind() {
    return IdKind.STRING;
  }

  @Override
  public String id(Member entity) {
    return entity.id();
  }

  @Override
  public Member withId(Member entity, String id) {
    return new Member(
        id,
        entity.city(),
        entity.joinDate(),
        entity.age(),
        entity.tags(),
        entity.address(),
        entity.emergency(),
        entity.memberships(),
        entity.scores(),
        entity.color(),
        entity.favouriteColors(),
        entity.bio(),
        entity.shift(),
        entity.active());
  }

  @Override
  public String idToString(String id) {
    return id;
  }

  @Override
  public String idFromString(String text) {
    return text;
  }

  @Override
  public DocumentCodec<Member> codec() {
    return MemberCodec.INSTANCE;
  }

  @Override
  public IndexDefinition index() {
    return MemberIndex.DEFINITION;
  }
}
