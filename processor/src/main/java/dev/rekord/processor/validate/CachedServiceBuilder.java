package dev.rekord.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.model.CachedService;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks the {@code @Cached} methods of one interface and describes it for the decorator writer:
 * each problem on the narrowest element (the parameter whose type has no stable key, the method
 * whose return type cannot be stored, the annotation value that is wrong).
 */
public final class CachedServiceBuilder {

  private static final Pattern CACHE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  private final CachedTypes types;

  public CachedServiceBuilder(Elements elements, Types types) {
    this.types = new CachedTypes(elements, types);
  }

  /** The problems of a {@code @Cached} method outside an interface; empty inside one. */
  public List<Problem> checkPlacement(ExecutableElement method) {
    Element owner = method.getEnclosingElement();
    if (owner.getKind() == ElementKind.INTERFACE) {
      return List.of();
    }
    return List.of(Problem.on(method, Message.CACHED_OUTSIDE_INTERFACE,
        owner.getSimpleName() + "." + method.getSimpleName() + "()", owner.getSimpleName()));
  }

  /** The interface's description, or its problems. */
  public Result build(TypeElement iface) {
    List<Problem> problems = new ArrayList<>();
    List<ExecutableElement> methods = new ArrayList<>();
    for (ExecutableElement method : ElementFilter.methodsIn(iface.getEnclosedElements())) {
      boolean cached = Annotations.find(method, AnnotationNames.CACHED).isPresent();
      if (method.getModifiers().contains(Modifier.STATIC) || (!cached && method.getModifiers().contains(Modifier.DEFAULT))
          || method.getModifiers().contains(Modifier.PRIVATE)) {
        continue;
      }
      methods.add(method);
    }
    Map<String, Integer> overloads = new HashMap<>();
    methods.forEach(m -> overloads.merge(m.getSimpleName().toString(), 1, Integer::sum));

    List<CachedService.Method> described = new ArrayList<>();
    for (ExecutableElement method : methods) {
      Optional<AnnotationMirror> cached = Annotations.find(method, AnnotationNames.CACHED);
      CachedService.CacheSettings settings = null;
      if (cached.isPresent()) {
        settings = check(iface, method, cached.get(), problems);
      }
      described.add(describe(method, settings, overloads.get(method.getSimpleName().toString()) > 1));
    }
    if (!iface.getTypeParameters().isEmpty()) {
      problems.add(0, Problem.on(iface, Message.GENERIC_CACHED_METHOD, iface.getSimpleName()));
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    ClassName type = ClassName.get(iface);
    ClassName decorator = ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + "Cached");
    return new Result(new CachedService(type, decorator, described), List.of());
  }

  private CachedService.CacheSettings check(TypeElement iface, ExecutableElement method, AnnotationMirror cached,
      List<Problem> problems) {
    String where = iface.getSimpleName() + "." + method.getSimpleName() + "()";
    if (!method.getTypeParameters().isEmpty()) {
      problems.add(Problem.on(method, Message.GENERIC_CACHED_METHOD, where));
    }
    for (VariableElement parameter : method.getParameters()) {
      if (!types.stableKey(parameter.asType())) {
        problems.add(Problem.on(parameter, Message.UNSTABLE_CACHE_KEY,
            where.replace("()", "(" + parameter.getSimpleName() + ")"), parameter.asType()));
      }
    }
    if (!types.storable(method.getReturnType())) {
      problems.add(Problem.on(method, Message.UNCACHEABLE_RETURN_TYPE, where, method.getReturnType()));
    }
    List<String> checked = method.getThrownTypes().stream()
        .filter(types::isChecked).map(TypeMirror::toString).toList();
    if (!checked.isEmpty()) {
      problems.add(Problem.on(method, Message.CACHED_CHECKED_EXCEPTION, where, String.join(", ", checked)));
    }
    String name = stringValue(cached, "name");
    if (!CACHE_NAME.matcher(name).matches()) {
      AnnotationValue value = Annotations.explicitValue(cached, "name").orElse(null);
      String suggestion = name.replaceAll("[^A-Za-z0-9_.-]", "-").replaceAll("^-+|-+$", "");
      problems.add(Problem.onValue(method, cached, value, Message.INVALID_CACHE_NAME, where, name,
          suggestion.isEmpty() ? "profiles" : suggestion));
    }
    String ttl = stringValue(cached, "ttl");
    if (!positiveDuration(ttl)) {
      AnnotationValue value = Annotations.explicitValue(cached, "ttl").orElse(null);
      problems.add(Problem.onValue(method, cached, value, Message.INVALID_CACHE_TTL, where, ttl));
    }
    return new CachedService.CacheSettings(name, ttl);
  }

  private static CachedService.Method describe(ExecutableElement method, CachedService.CacheSettings cache,
      boolean overloaded) {
    List<CachedService.Parameter> parameters = new ArrayList<>();
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(new CachedService.Parameter(parameter.getSimpleName().toString(), TypeName.get(parameter.asType())));
    }
    List<TypeName> thrown = method.getThrownTypes().stream().map(TypeName::get).toList();
    String name = method.getSimpleName().toString();
    String keyName = overloaded
        ? name + "(" + parameters.stream().map(p -> simple(p.type())).collect(Collectors.joining(",")) + ")"
        : name;
    return new CachedService.Method(name, TypeName.get(method.getReturnType()), parameters, thrown, cache, keyName);
  }

  private static String simple(TypeName type) {
    return type instanceof ClassName c ? c.simpleName() : type.toString().replaceAll("[a-z0-9_]+\\.", "");
  }

  private static String stringValue(AnnotationMirror mirror, String member) {
    return Annotations.explicitValue(mirror, member).map(v -> String.valueOf(v.getValue())).orElse("");
  }

  private static boolean positiveDuration(String text) {
    try {
      Duration ttl = Duration.parse(text);
      return !ttl.isNegative() && !ttl.isZero();
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A described interface, or the problems that kept it from being described. */
  public record Result(CachedService service, List<Problem> problems) {}

  /** Which types form a stable cache key, and which can be stored. */
  private static final class CachedTypes {
    private static final Set<String> SCALARS = Set.of(
        "java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
        "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double", "java.math.BigDecimal",
        "java.math.BigInteger", "java.util.UUID", "java.time.Instant", "java.time.LocalDate",
        "java.time.LocalDateTime", "java.time.LocalTime", "java.time.OffsetDateTime", "java.time.OffsetTime",
        "java.time.ZonedDateTime", "java.time.Duration", "java.time.Period", "java.time.Year",
        "java.time.YearMonth", "java.time.MonthDay", "java.time.ZoneOffset");
    private static final Set<String> MAP_KEYS = Set.of(
        "java.lang.String", "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte",
        "java.util.UUID");

    private final Elements elements;
    private final Types types;

    CachedTypes(Elements elements, Types types) {
      this.elements = elements;
      this.types = types;
    }

    boolean stableKey(TypeMirror type) {
      return check(type, false, new HashSet<>());
    }

    boolean storable(TypeMirror type) {
      return check(type, true, new HashSet<>());
    }

    boolean isChecked(TypeMirror thrown) {
      TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
      TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
      return !types.isAssignable(thrown, runtime) && !types.isAssignable(thrown, error);
    }

    /** Sets are storable but not keys: their iteration order is not stable. */
    private boolean check(TypeMirror type, boolean storing, Set<String> visiting) {
      if (type.getKind().isPrimitive()) {
        return true;
      }
      if (!(types.asElement(type) instanceof TypeElement element)) {
        return false; // void, arrays, type variables, wildcards
      }
      String name = element.getQualifiedName().toString();
      List<? extends TypeMirror> arguments = ((javax.lang.model.type.DeclaredType) type).getTypeArguments();
      if (SCALARS.contains(name) || element.getKind() == ElementKind.ENUM) {
        return true;
      }
      if (name.equals("java.util.List") || (storing && name.equals("java.util.Set"))) {
        return arguments.size() == 1 && check(arguments.get(0), storing, visiting);
      }
      if (name.equals("java.util.Map")) {
        return arguments.size() == 2 && mapKey(arguments.get(0)) && check(arguments.get(1), storing, visiting);
      }
      if (element.getKind() == ElementKind.RECORD && element.getTypeParameters().isEmpty()) {
        if (!visiting.add(name)) {
          return false; // a record that contains itself has no finite encoding
        }
        boolean all = element.getRecordComponents().stream().allMatch(c -> check(c.asType(), storing, visiting));
        visiting.remove(name);
        return all;
      }
      return false;
    }

    private boolean mapKey(TypeMirror type) {
      return types.asElement(type) instanceof TypeElement key
          && (MAP_KEYS.contains(key.getQualifiedName().toString()) || key.getKind() == ElementKind.ENUM);
    }
  }
}
