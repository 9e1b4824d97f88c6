package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.it.model.AllTypesHash;
import dev.rekord.it.model.AllTypesHashIndex;
import dev.rekord.it.model.AllTypesHashModel;
import dev.rekord.it.model.AllTypesHash_;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonIndex;
import dev.rekord.it.model.AllTypesJsonModel;
import dev.rekord.it.model.ArticleModel;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.EventModel;
import dev.rekord.it.model.ItemHashModel;
import dev.rekord.it.model.ItemJsonModel;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberIndex;
import dev.rekord.it.model.LeaseModel;
import dev.rekord.it.model.MemberModel;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.MomentModel;
import dev.rekord.it.model.NoteModel;
import dev.rekord.it.model.ProductJsonModel;
import dev.rekord.it.model.ProductModel;
import dev.rekord.it.model.ReadingModel;
import dev.rekord.it.model.RecipeModel;
import dev.rekord.it.model.ResidentModel;
import dev.rekord.it.model.SessionModel;
import dev.rekord.it.model.TallyJsonModel;
import dev.rekord.it.model.TallyModel;
import dev.rekord.it.model.TicketModel;
import dev.rekord.it.model.VisitModel;
import dev.rekord.query.Attribute;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.ComparableField;
import dev.rekord.metamodel.DateField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.NumericField;
import dev.rekord.metamodel.StringField;
import dev.rekord.metamodel.TagField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IdKind;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.model.RekordModel;
import dev.rekord.test.RedisExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the processor registers and generates for this module's models. */
class RegistrationTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void everyModelOfThisModuleIsRegisteredSortedByPrefix() {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      List<Class<?>> registered =
          rekord.models().stream().<Class<?>>map(RekordModel::getClass).toList();

      assertEquals(
          List.of(
              AllTypesHashModel.class,
              AllTypesJsonModel.class,
              ArticleModel.class,
              EventModel.class,
              ItemHashModel.class,
              ItemJsonModel.class,
              LeaseModel.class,
              MemberModel.class,
              MomentModel.class,
              NoteModel.class,
              ProductModel.class,
              ProductJsonModel.class,
              ReadingModel.class,
              RecipeModel.class,
              ResidentModel.class,
              SessionModel.class,
              TallyModel.class,
              TallyJsonModel.class,
              TicketModel.class,
              VisitModel.class),
          registered);
    }
  }

  @Test
  void modelsDescribeTheirRecords() {
    assertModel(
        MemberModel.INSTANCE, "Member", Member.class, "member", Storage.HASH, IdKind.STRING);
    assertModel(
        AllTypesHashModel.INSTANCE,
        "AllTypesHash",
        AllTypesHash.class,
        "all-types-hash",
        Storage.HASH,
        IdKind.STRING);
    assertModel(
        AllTypesJsonModel.INSTANCE,
        "AllTypesJson",
        AllTypesJson.class,
        "all-types-json",
        Storage.JSON,
        IdKind.UUID);
    assertEquals(IdKind.LONG, TicketModel.INSTANCE.idKind());
    assertEquals(IdKind.LONG, ReadingModel.INSTANCE.idKind());
    assertEquals(Storage.JSON, ReadingModel.INSTANCE.storage());
    assertEquals(Duration.ofSeconds(3_600), SessionModel.INSTANCE.defaultTtl());
  }

  @Test
  void modelsConvertIdsToAndFromKeys() {
    UUID uuid = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
    assertEquals(uuid.toString(), AllTypesJsonModel.INSTANCE.idToString(uuid));
    assertEquals(uuid, AllTypesJsonModel.INSTANCE.idFromString(uuid.toString()));
    assertEquals("-42", ReadingModel.INSTANCE.idToString(-42L));
    assertEquals(Long.MAX_VALUE, ReadingModel.INSTANCE.idFromString("9223372036854775807"));
    assertEquals("7", TicketModel.INSTANCE.idToString(7L));
    assertEquals("a:b", MemberModel.INSTANCE.idFromString("a:b"));
  }

  @Test
  void modelsReadAndReplaceIds() {
    Member member = new Member(null, "Oslo", LocalDate.of(2024, 1, 1), 3, List.of("x"), null);

    Member withId = MemberModel.INSTANCE.withId(member, "m1");

    assertEquals(null, MemberModel.INSTANCE.id(member));
    assertEquals(new Member("m1", "Oslo", LocalDate.of(2024, 1, 1), 3, List.of("x"), null), withId);
    assertEquals("m1", MemberModel.INSTANCE.id(withId));
  }

  @Test
  void theRepositoryIsBoundToItsModel() {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      MemberRepository members = new MemberRepository(rekord);
      assertSame(MemberModel.INSTANCE, members.model());
      assertEquals("{member}:m1", members.keyOf("m1"));
    }
  }

  @Test
  void theMetamodelIsTypedByOwnerAndValue() {
    StringField<Member> city = Member_.city;
    DateField<Member, LocalDate> joinDate = Member_.joinDate;
    NumericField<Member, Integer> age = Member_.age;
    CollectionField<Member, String, List<String>> tags = Member_.tags;
    StringField<Member> addressCity = Member_.address.city;
    Attribute<Member, GeoPoint> addressLocation = Member_.address.location;
    IndexDefinition index = Member_.INDEX;

    assertEquals("city", city.path());
    assertEquals("joinDate", joinDate.path());
    assertEquals("age", age.path());
    assertEquals("tags", tags.path());
    assertEquals("address.city", addressCity.path());
    assertEquals("address.location", addressLocation.path());
    assertSame(MemberIndex.DEFINITION, index);
    assertSame(MemberIndex.CITY, city.index());
    assertSame(MemberIndex.ADDRESS_CITY, addressCity.index());
    assertNotNull(joinDate.gte(LocalDate.of(2024, 1, 1)));
    assertNotNull(tags.containsAny("java", "redis"));
  }

  @Test
  void everyIndexAnnotationGivesItsFieldType() {
    TextField<AllTypesHash, String> text = AllTypesHash_.text;
    StringField<AllTypesHash> code = AllTypesHash_.code;
    TagField<AllTypesHash, Boolean> flag = AllTypesHash_.flag;
    TagField<AllTypesHash, Character> letter = AllTypesHash_.letter;
    NumericField<AllTypesHash, Integer> number = AllTypesHash_.number;
    NumericField<AllTypesHash, Long> big = AllTypesHash_.big;
    NumericField<AllTypesHash, Double> measure = AllTypesHash_.measure;
    TagField<AllTypesHash, Color> color = AllTypesHash_.color;
    TagField<AllTypesHash, UUID> reference = AllTypesHash_.reference;
    DateField<AllTypesHash, Instant> instant = AllTypesHash_.instant;
    ComparableField<AllTypesHash, Duration> duration = AllTypesHash_.duration;
    GeoField<AllTypesHash> point = AllTypesHash_.point;
    CollectionField<AllTypesHash, Color, Set<Color>> palette = AllTypesHash_.palette;

    assertEquals("str", text.path(), "@FieldName is the stored path");
    assertEquals(new IndexField("str", IndexKind.TEXT, false, true, false), text.index());
    assertEquals(new IndexField("code", IndexKind.TAG, true, false, false), code.index());
    assertEquals(IndexKind.TAG, flag.index().kind());
    assertEquals(IndexKind.TAG, letter.index().kind());
    assertEquals(new IndexField("number", IndexKind.NUMERIC, false, true, false), number.index());
    assertEquals(new IndexField("big", IndexKind.NUMERIC, true, true, false), big.index());
    assertEquals(IndexKind.NUMERIC, measure.index().kind());
    assertTrue(measure.index().sortable(), "@Sortable alone indexes and sorts");
    assertEquals(IndexKind.TAG, color.index().kind());
    assertEquals(IndexKind.TAG, reference.index().kind());
    assertEquals(new IndexField("instant", IndexKind.NUMERIC, true, true, false), instant.index());
    assertEquals(IndexKind.NUMERIC, duration.index().kind());
    assertEquals(new IndexField("point", IndexKind.GEO, false, true, false), point.index());
    assertEquals(new IndexField("palette", IndexKind.TAG, false, true, true), palette.index());
  }

  @Test
  void theMemberIndexDefinition() {
    IndexDefinition definition = MemberIndex.DEFINITION;

    assertEquals("member-idx", definition.name());
    assertEquals("member", definition.keyPrefix());
    assertEquals(Storage.HASH, definition.storage());
    assertEquals(
        List.of(
            new IndexField("city", IndexKind.TAG, true, true, false),
            new IndexField("joinDate", IndexKind.NUMERIC, true, true, false),
            new IndexField("age", IndexKind.NUMERIC, true, true, false),
            new IndexField("tags", IndexKind.TAG, false, true, true),
            new IndexField("address.city", IndexKind.TAG, false, true, false)),
        definition.fields());
    assertTrue(definition.fingerprint().matches("[0-9a-f]{16}"), definition.fingerprint());
    assertSame(definition, MemberModel.INSTANCE.index());
  }

  @Test
  void fingerprintsDifferWhereDefinitionsDiffer() {
    assertNotEquals(
        AllTypesHashIndex.DEFINITION.fingerprint(),
        AllTypesJsonIndex.DEFINITION.fingerprint(),
        "same fields, different storage and prefix");
    assertEquals(
        AllTypesHashIndex.DEFINITION.fields().stream().map(IndexField::path).toList(),
        AllTypesJsonIndex.DEFINITION.fields().stream().map(IndexField::path).toList());
    assertNotEquals(
        MemberIndex.DEFINITION.fingerprint(), AllTypesHashIndex.DEFINITION.fingerprint());
  }

  @Test
  void theIndexCommandIsAReviewableResource() throws IOException {
    try (InputStream resource =
        getClass().getResourceAsStream("/META-INF/rekord/dev.rekord.it.model.Member.redis")) {
      assertNotNull(resource, "META-INF/rekord/dev.rekord.it.model.Member.redis");
      String command = new String(resource.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(command.contains("FT.CREATE member-idx"), command);
      assertTrue(command.contains("ON HASH"), command);
      assertTrue(command.contains("PREFIX 2 {member}: {member: "), command);
      assertTrue(command.contains("SORTABLE"), command);
    }
  }

  private static void assertModel(
      RekordModel<?, ?> model,
      String name,
      Class<?> type,
      String prefix,
      Storage storage,
      IdKind idKind) {
    assertEquals(name, model.name());
    assertEquals(type, model.type());
    assertEquals(prefix, model.keyPrefix());
    assertEquals(storage, model.storage());
    assertEquals(idKind, model.idKind());
    assertEquals(Duration.ZERO, model.defaultTtl());
    assertEquals(prefix, model.index().keyPrefix());
    assertEquals(storage, model.index().storage());
  }
}
