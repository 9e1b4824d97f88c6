package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.CachedService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Writes the caching decorator of an interface with {@code @Cached} methods ({@code
 * ProfileServiceCached}): each cached method asks its cache for the result under a key of the
 * method's name and arguments, and calls the delegate on a miss; the other methods delegate.
 * Generated {@code invalidate<Method>(args…)} and {@code invalidateAll()} remove cached results.
 */
public final class CachedDecoratorWriter {
  private CachedDecoratorWriter() {}

  /** The decorator's source file, with {@code originating} (the interface) as originating element. */
  public static JavaFile write(CachedService service, Element originating) {
    return file(service, type(service).addOriginatingElement(originating));
  }

  /** The decorator's source file, without originating element (for tests). */
  public static JavaFile write(CachedService service) {
    return file(service, type(service));
  }

  private static JavaFile file(CachedService service, TypeSpec.Builder type) {
    type.addAnnotation(RuntimeTypes.generatedAnnotation());
    return JavaFile.builder(service.decorator().packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static TypeSpec.Builder type(CachedService service) {
    TypeSpec.Builder type = TypeSpec.classBuilder(service.decorator())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(service.type())
        .addJavadoc("A caching decorator of {@link $T}: the results of its {@code @Cached} methods are kept in\n"
            + "Redis, the other methods call the delegate. Cache keys are the method's name and its arguments\n"
            + "as canonical JSON ({@link $T}).\n", service.type(), RuntimeTypes.CACHE_KEY);
    NameAllocator names = new NameAllocator();
    names.newName("delegate");
    Map<String, String> caches = new LinkedHashMap<>(); // cache name -> field
    for (CachedService.Method method : service.methods()) {
      if (method.cached() && !caches.containsKey(method.cache().name())) {
        caches.put(method.cache().name(), names.newName(JavaNames.lowerCamel(method.cache().name()) + "Cache"));
      }
    }
    type.addField(service.type(), "delegate", Modifier.PRIVATE, Modifier.FINAL);
    caches.values().forEach(field -> type.addField(RuntimeTypes.CACHE, field, Modifier.PRIVATE, Modifier.FINAL));

    MethodSpec.Builder constructor = MethodSpec.constructorBuilder().addModifiers(Modifier.PUBLIC)
        .addJavadoc("Caches the results of {@code delegate} in {@code rekord}'s caches.\n")
        .addParameter(service.type(), "delegate")
        .addParameter(RuntimeTypes.REKORD, "rekord")
        .addStatement("this.delegate = $T.requireNonNull(delegate, $S)", java.util.Objects.class, "delegate");
    caches.forEach((cache, field) -> constructor.addStatement("this.$N = rekord.cache($S)", field, cache));
    type.addMethod(constructor.build());

    NameAllocator constants = new NameAllocator();
    for (CachedService.Method method : service.methods()) {
      if (!method.cached()) {
        type.addMethod(signature(method).addStatement(
            (method.returns().equals(TypeName.VOID) ? "" : "return ") + "delegate.$N($L)", method.name(), arguments(method)).build());
        continue;
      }
      String constant = constants.newName(JavaNames.upperSnake(method.name()));
      TypeName boxed = method.returns().box();
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.VALUE_TYPE, boxed), constant,
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(valueType(boxed)).build());
      type.addField(FieldSpec.builder(RuntimeTypes.DURATION, constant + "_TTL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$T.parse($S)", RuntimeTypes.DURATION, method.cache().ttl()).build());
      String cache = caches.get(method.cache().name());
      type.addMethod(signature(method)
          .addStatement("return $N.getOrCompute($L, $N, $N, () -> delegate.$N($L))", cache, key(method), constant,
              constant + "_TTL", method.name(), arguments(method))
          .build());
      MethodSpec.Builder invalidate = MethodSpec.methodBuilder("invalidate" + JavaNames.upperCamel(method.name()))
          .addModifiers(Modifier.PUBLIC).returns(TypeName.BOOLEAN)
          .addJavadoc("Removes the cached result of {@code $N($L)}; whether there was one.\n", method.name(),
              method.parameters().stream().map(CachedService.Parameter::name).collect(Collectors.joining(", ")));
      method.parameters().forEach(p -> invalidate.addParameter(p.type(), p.name()));
      type.addMethod(invalidate.addStatement("return $N.invalidate($L) == 1", cache, key(method)).build());
    }

    MethodSpec.Builder invalidateAll = MethodSpec.methodBuilder("invalidateAll").addModifiers(Modifier.PUBLIC)
        .addJavadoc("Removes every cached result of the caches this decorator uses, in every process.\n");
    caches.values().forEach(field -> invalidateAll.addStatement("$N.invalidateAll()", field));
    type.addMethod(invalidateAll.build());
    return type;
  }

  private static MethodSpec.Builder signature(CachedService.Method method) {
    MethodSpec.Builder builder = MethodSpec.methodBuilder(method.name())
        .addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(method.returns());
    method.parameters().forEach(p -> builder.addParameter(ParameterSpec.builder(p.type(), p.name()).build()));
    method.thrown().forEach(builder::addException);
    return builder;
  }

  private static CodeBlock key(CachedService.Method method) {
    CodeBlock.Builder key = CodeBlock.builder().add("$T.of($S", RuntimeTypes.CACHE_KEY, method.keyName());
    method.parameters().forEach(p -> key.add(", $N", p.name()));
    return key.add(")").build();
  }

  private static String arguments(CachedService.Method method) {
    return method.parameters().stream().map(CachedService.Parameter::name).collect(Collectors.joining(", "));
  }

  private static CodeBlock valueType(TypeName type) {
    if (type instanceof ClassName) {
      return CodeBlock.of("$T.of($T.class)", RuntimeTypes.VALUE_TYPE, type);
    }
    return CodeBlock.of("new $T<$T>() {}", RuntimeTypes.VALUE_TYPE, type);
  }
}
