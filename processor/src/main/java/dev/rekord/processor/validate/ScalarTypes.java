package dev.rekord.processor.validate;

import dev.rekord.processor.model.ScalarKind;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Which Java types are which {@link ScalarKind}, matched by qualified name. */
final class ScalarTypes {
  private static final Map<String, ScalarKind> BY_CLASS_NAME = Map.ofEntries(
      Map.entry("java.lang.String", ScalarKind.STRING),
      Map.entry("java.lang.Boolean", ScalarKind.BOOLEAN),
      Map.entry("java.lang.Character", ScalarKind.CHAR),
      Map.entry("java.lang.Byte", ScalarKind.BYTE),
      Map.entry("java.lang.Short", ScalarKind.SHORT),
      Map.entry("java.lang.Integer", ScalarKind.INT),
      Map.entry("java.lang.Long", ScalarKind.LONG),
      Map.entry("java.lang.Float", ScalarKind.FLOAT),
      Map.entry("java.lang.Double", ScalarKind.DOUBLE),
      Map.entry("java.math.BigDecimal", ScalarKind.BIG_DECIMAL),
      Map.entry("java.math.BigInteger", ScalarKind.BIG_INTEGER),
      Map.entry("java.util.UUID", ScalarKind.UUID),
      Map.entry("java.time.Instant", ScalarKind.INSTANT),
      Map.entry("java.time.LocalDate", ScalarKind.LOCAL_DATE),
      Map.entry("java.time.LocalDateTime", ScalarKind.LOCAL_DATE_TIME),
      Map.entry("java.time.LocalTime", ScalarKind.LOCAL_TIME),
      Map.entry("java.time.OffsetDateTime", ScalarKind.OFFSET_DATE_TIME),
      Map.entry("java.time.ZonedDateTime", ScalarKind.ZONED_DATE_TIME),
      Map.entry("java.time.OffsetTime", ScalarKind.OFFSET_TIME),
      Map.entry("java.time.Year", ScalarKind.YEAR),
      Map.entry("java.time.YearMonth", ScalarKind.YEAR_MONTH),
      Map.entry("java.time.MonthDay", ScalarKind.MONTH_DAY),
      Map.entry("java.time.ZoneOffset", ScalarKind.ZONE_OFFSET),
      Map.entry("java.time.Period", ScalarKind.PERIOD),
      Map.entry("java.time.ZoneId", ScalarKind.ZONE_ID),
      Map.entry("java.time.Duration", ScalarKind.DURATION),
      Map.entry("dev.rekord.model.GeoPoint", ScalarKind.GEO_POINT));

  private ScalarTypes() {}

  /** The scalar kind of {@code type}, if it is a supported scalar. */
  static Optional<ScalarKind> of(TypeMirror type) {
    return switch (type.getKind()) {
      case BOOLEAN -> Optional.of(ScalarKind.BOOLEAN);
      case CHAR -> Optional.of(ScalarKind.CHAR);
      case BYTE -> Optional.of(ScalarKind.BYTE);
      case SHORT -> Optional.of(ScalarKind.SHORT);
      case INT -> Optional.of(ScalarKind.INT);
      case LONG -> Optional.of(ScalarKind.LONG);
      case FLOAT -> Optional.of(ScalarKind.FLOAT);
      case DOUBLE -> Optional.of(ScalarKind.DOUBLE);
      case ARRAY -> switch (((ArrayType) type).getComponentType().getKind()) {
        case BYTE -> Optional.of(ScalarKind.BYTES);
        case FLOAT -> Optional.of(ScalarKind.FLOAT_VECTOR);
        default -> Optional.empty();
      };
      case DECLARED -> Optional.ofNullable(BY_CLASS_NAME.get(qualifiedName((DeclaredType) type)));
      default -> Optional.empty();
    };
  }

  static String qualifiedName(DeclaredType type) {
    return ((TypeElement) type.asElement()).getQualifiedName().toString();
  }
}
