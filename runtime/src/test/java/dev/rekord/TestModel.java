package dev.rekord;

import dev.rekord.annotations.Storage;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IdKind;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * A model for tests, configurable where a generated {@code MemberModel} is fixed: the same record
 * can be stored as hash or JSON, with or without a default TTL, under any id type.
 *
 * <p>The id of the {@link Member} record is a string; for UUID and Long ids it holds their text.
 */
public final class TestModel<ID> implements RekordModel<Member, ID> {

  private final String prefix;
  private final Storage storage;
  private final Duration defaultTtl;
  private final IdKind idKind;
  private final Function<String, ID> parse;
  private final MemberCodec codec;

  private TestModel(String prefix, Storage storage, Duration defaultTtl, IdKind idKind,
      Function<String, ID> parse, MemberCodec codec) {
    this.prefix = prefix;
    this.storage = storage;
    this.defaultTtl = defaultTtl;
    this.idKind = idKind;
    this.parse = parse;
    this.codec = codec;
  }

  private TestModel(String prefix, Storage storage, Duration defaultTtl, IdKind idKind, Function<String, ID> parse) {
    this(prefix, storage, defaultTtl, idKind, parse, MemberCodec.INSTANCE);
  }

  /** The same model with tags indexed too: another index definition, another fingerprint. */
  public TestModel<ID> withTagsIndexed() {
    return new TestModel<>(prefix, storage, defaultTtl, idKind, parse, MemberCodec.WITH_TAGS);
  }

  /** The same model with {@code city} indexed as full text instead of a tag: a changed kind. */
  public TestModel<ID> withCityAsText() {
    return new TestModel<>(prefix, storage, defaultTtl, idKind, parse, MemberCodec.CITY_AS_TEXT);
  }

  public static TestModel<String> stringIds(String prefix, Storage storage, Duration defaultTtl) {
    return new TestModel<>(prefix, storage, defaultTtl, IdKind.STRING, s -> s);
  }

  static TestModel<UUID> uuidIds(String prefix, Storage storage) {
    return new TestModel<>(prefix, storage, Duration.ZERO, IdKind.UUID, UUID::fromString);
  }

  public static TestModel<Long> longIds(String prefix, Storage storage) {
    return new TestModel<>(prefix, storage, Duration.ZERO, IdKind.LONG, Long::valueOf);
  }

  /** A repository as generated code would declare it. */
  public static <ID> RekordRepository<Member, ID> repository(dev.rekord.Rekord rekord, TestModel<ID> model) {
    return new RekordRepository<>(rekord, model) {};
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
    return prefix;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public Duration defaultTtl() {
    return defaultTtl;
  }

  @Override
  public IdKind idKind() {
    return idKind;
  }

  @Override
  public ID id(Member entity) {
    return entity.id() == null ? null : parse.apply(entity.id());
  }

  @Override
  public Member withId(Member entity, ID id) {
    return entity.withId(id.toString());
  }

  @Override
  public String idToString(ID id) {
    return id.toString();
  }

  @Override
  public ID idFromString(String text) {
    return parse.apply(text);
  }

  @Override
  public DocumentCodec<Member> codec() {
    return codec;
  }

  @Override
  public IndexDefinition index() {
    if (codec == MemberCodec.WITH_TAGS) {
      return new IndexDefinition(prefix + "-idx", prefix, storage, List.of(Member_.CITY, Member_.AGE, Member_.TAGS), "00000000000000b2");
    }
    if (codec == MemberCodec.CITY_AS_TEXT) {
      return new IndexDefinition(prefix + "-idx", prefix, storage, List.of(Member_.CITY_TEXT, Member_.AGE), "00000000000000c3");
    }
    return new IndexDefinition(prefix + "-idx", prefix, storage, List.of(Member_.CITY, Member_.AGE), "00000000000000a1");
  }
}
