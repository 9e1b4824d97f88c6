package dev.rekord.processor.diag;

import java.util.Locale;

/**
 * Every compile error Rekord reports, in one place. Each is phrased <em>rule — what was found —
 * the fix</em> and printed with a stable ID, e.g. {@code [Rekord.MissingId] Member has no component
 * annotated @Id; …}, so users can search for it and tests can assert it. A few constants share an
 * ID when they are two faces of one rule.
 */
public enum Message {
  NOT_A_RECORD(
      "NotARecord",
      "@RedisModel applies to records only, but %s is %s; declare it as `record %s(...)`"),
  MISSING_ID(
      "MissingId", "%s has no component annotated @Id; mark the key, e.g. `@Id String id`"),
  DUPLICATE_ID(
      "DuplicateId",
      "A model has exactly one @Id, but %s marks both %s and %s; keep @Id on the key only"),
  UNSUPPORTED_ID_TYPE(
      "UnsupportedIdType",
      "An @Id is a String, UUID, long or Long, but %s is %s; change its type, e.g. `@Id String %s`"),
  UNSUPPORTED_TYPE(
      "UnsupportedType",
      "%s has type %s, which Rekord cannot store; use a scalar (String, boolean, char, a number,"
          + " BigDecimal, BigInteger, UUID, a java.time value, byte[], float[], GeoPoint), an"
          + " enum, a record, a List or Set of those, or a Map<String, V> of scalars or enums"),
  OPTIONAL_COMPONENT(
      "UnsupportedType",
      "%s has type %s, which Rekord cannot store: a component that may be absent is nullable;"
          + " use a nullable `%s %s` component instead"),
  NOT_INDEXABLE(
      "NotIndexable", "@%s indexes %s, but %s is %s; %s"),
  NOT_INDEXABLE_MULTI_VALUED(
      "NotIndexable",
      "@%s needs one value per document, but %s holds several (%s); index it with @Tag (integral"
          + " numbers, strings, enums) or @Text (strings), or remove the annotation"),
  VECTOR_DIMENSIONS(
      "VectorDimensions",
      "A @Vector has 1 to 32768 dimensions, but %s has dimensions = %d; give the length of the"
          + " embeddings your model produces, e.g. `@Vector(dimensions = 384)`"),
  VECTOR_SETTING(
      "VectorSetting",
      "%s has `%s = %d`, which %s"),
  MIXED_TEXT_LANGUAGES(
      "MixedTextLanguages",
      "The search engine stems every text of a model in one language, but %s stems %s in %s and %s in %s;"
          + " give them the same `stemming`"),
  CONFLICTING_INDEXES(
      "ConflictingIndexes",
      "A component has one index kind, but %s is annotated %s; keep one of them"),
  NOT_SORTABLE(
      "NotSortable",
      "A sort order needs one value per document, but %s %s; remove `sortable = true` or @Sortable"),
  TEXT_NOT_SORTABLE(
      "TextNotSortable",
      "A @Text field is indexed by its words and has no sort order, but %s asks for one (%s);"
          + " remove it, or index the whole string with @Tag(sortable = true) to sort by it"),
  DUPLICATE_FIELD_NAME(
      "DuplicateFieldName",
      "Stored field names are unique, but %s and %s are both stored as \"%s\"; rename one with"
          + " @FieldName(\"...\")"),
  RECURSIVE_EMBEDDING(
      "RecursiveEmbedding",
      "An embedded record cannot contain itself, but %s leads back to %s (%s); store a reference"
          + " such as the other record's id instead"),
  INVALID_PREFIX(
      "InvalidPrefix",
      "A key prefix uses letters, digits and `_ . : -` and does not end in ':', but %s has prefix"
          + " \"%s\"; use e.g. prefix = \"%s\""),
  INVALID_FIELD_NAME(
      "InvalidFieldName",
      "A stored field name uses letters, digits, '_' and '-', but %s has @FieldName(\"%s\"); use"
          + " e.g. @FieldName(\"%s\")"),
  INVALID_TTL(
      "InvalidTtl",
      "ttlSeconds is 0 (no expiry) or a positive number of seconds, but %s has ttlSeconds = %d;"
          + " use 0 or a positive value"),
  REFRESH_WITHOUT_TTL(
      "RefreshWithoutTtl",
      "refreshTtlOnRead restarts a document's default time to live, but %s has no ttlSeconds;"
          + " give it one, e.g. ttlSeconds = 3600, or remove refreshTtlOnRead"),
  INVALID_VERSION_TYPE(
      "InvalidVersion",
      "A @Version is an int, long, Integer or Long, but %s is %s; change its type, e.g."
          + " `@Version long %s`"),
  DUPLICATE_VERSION(
      "InvalidVersion",
      "A model has at most one @Version, but %s marks both %s and %s; keep @Version on one"),
  ID_IN_EMBEDDED(
      "IdInEmbedded",
      "@%s belongs on a component of the model itself, but %s is inside the embedded record %s;"
          + " remove it there, or move it to the model"),
  GENERIC_MODEL(
      "GenericModel",
      "Rekord records cannot be generic, but %s declares type parameters <%s>; remove them and"
          + " use concrete component types"),
  NOT_ACCESSIBLE(
      "NotAccessible",
      "Generated code in package %s must reach %s, but it is %s; make it and its enclosing types"
          + " at least package-private and declare it outside methods"),
  NAME_CLASH(
      "NameClash",
      "Rekord generates %s for %s, but a type of that name already exists; rename that type or"
          + " the record"),
  COMPOUND_TOO_FEW_FIELDS(
      "CompoundTooFewFields",
      "A @CompoundIndex lists one or more single-valued @Tag fields, then one @Numeric field, but %s"
          + " lists %s; name at least two, e.g. @CompoundIndex({\"city\", \"age\"})"),
  COMPOUND_UNKNOWN_FIELD(
      "CompoundUnknownField",
      "A @CompoundIndex names components of the model by their Java names (dotted through embedded"
          + " records), but %s has no component \"%s\"; %s"),
  COMPOUND_FIELD_KIND(
      "CompoundFieldKind",
      "A @CompoundIndex lists single-valued @Tag fields, then one @Numeric field, but its %s field %s"
          + " is %s; %s"),
  COMPOUND_MULTI_VALUED(
      "CompoundMultiValued",
      "A @CompoundIndex needs one value per document of each of its fields, but %s holds several (%s);"
          + " leave it out of the compound index"),
  COMPOUND_DUPLICATE_FIELD(
      "CompoundDuplicateField",
      "A @CompoundIndex names each field once, but %s names \"%s\" again; remove the second one"),
  DUPLICATE_COMPOUND_INDEX(
      "DuplicateCompoundIndex",
      "A model declares each compound index once, but %s declares %s twice (the order of the tags"
          + " does not matter); remove one"),
  CACHED_OUTSIDE_INTERFACE(
      "CachedOutsideInterface",
      "@Cached methods belong to an interface, which a generated decorator implements, but %s is"
          + " declared in %s; declare the method in an interface"),
  GENERIC_CACHED_METHOD(
      "GenericCachedMethod",
      "A @Cached method has one return type and key encoding, but %s declares type parameters;"
          + " declare it with concrete types"),
  UNSTABLE_CACHE_KEY(
      "UnstableCacheKey",
      "Each parameter of a @Cached method is part of the cache key, but %s has type %s, which has no"
          + " stable encoding; use a String, number, boolean, enum, UUID, java.time value, a record of"
          + " those, or a List or Map of them (for an entity, pass its id)"),
  UNCACHEABLE_RETURN_TYPE(
      "UncacheableReturnType",
      "A @Cached method returns a value Rekord can store and read back, but %s returns %s; return a"
          + " concrete type (a record, String, number, enum, java.time value, or a List, Set or Map of"
          + " those)"),
  CACHED_CHECKED_EXCEPTION(
      "CachedCheckedException",
      "A @Cached method is called through the cache's loader, which cannot throw checked exceptions,"
          + " but %s declares %s; wrap it in an unchecked exception, or leave the method uncached"),
  INVALID_CACHE_TTL(
      "InvalidCacheTtl",
      "A @Cached ttl is a positive ISO-8601 duration, but %s has ttl \"%s\"; write e.g. ttl = \"PT10M\""),
  INVALID_CACHE_NAME(
      "InvalidCacheName",
      "A cache name uses letters, digits and `_ . -`, but %s has name \"%s\"; use e.g. name = \"%s\""),
  UNRESOLVED_TYPE(
      "UnresolvedType",
      "Rekord needs every component type of %s, but %s could not be found; check the import or"
          + " make sure the processor that generates it runs"),
  WRITE_FAILED(
      "WriteFailed",
      "Rekord could not write %s: %s; check that no other file of that name is generated"),
  UNEXPECTED_ERROR(
      "UnexpectedError",
      "Rekord failed on %s with an unexpected error, which is a bug in Rekord; please report it"
          + " with this message: %s");

  private final String id;
  private final String format;

  Message(String id, String format) {
    this.id = id;
    this.format = format;
  }

  /** The stable ID, e.g. {@code MissingId}; printed as {@code [Rekord.MissingId]}. */
  public String id() {
    return id;
  }

  /** The full text with its ID prefix, e.g. {@code [Rekord.MissingId] Member has no …}. */
  public String format(Object... args) {
    return "[Rekord." + id + "] " + String.format(Locale.ROOT, format, args);
  }
}
