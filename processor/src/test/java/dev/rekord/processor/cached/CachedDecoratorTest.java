package dev.rekord.processor.cached;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.google.testing.compile.Compilation;
import dev.rekord.processor.RekordCachedProcessor;
import dev.rekord.processor.RekordProcessor;
import dev.rekord.processor.RekordRegistryProcessor;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated {@code @Cached} decorator, and a test for each of its compile errors: ID, file and line. */
class CachedDecoratorTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withOptions("-Xlint:all", "-Werror")
        .withProcessors(new RekordCachedProcessor(), new RekordProcessor(), new RekordRegistryProcessor())
        .compile(sources);
  }

  private static JavaFileObject service(String methods) {
    return source("test.ProfileService", """
        public interface ProfileService {
          enum Tier { FREE, PAID }
          record Query(String city, List<Tier> tiers) {}
          record Profile(String id, String name, Instant seen) {}
        """ + methods + "}\n");
  }

  @Test
  void generatesADecoratorWithKeysInvalidationAndDelegation() throws IOException {
    JavaFileObject src = service("""
          @Cached(name = "profiles", ttl = "PT10M")
          Profile profile(String id);
          @Cached(name = "profiles", ttl = "PT1M")
          List<Profile> search(Query query, int page, Map<String, Long> weights, UUID tenant, LocalDate day, Tier tier);
          @Cached(name = "counts", ttl = "P1D")
          long count(Tier tier);
          void rename(String id, String name);
        """);
    Compilation c = compile(src);
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("test.ProfileServiceCached").orElseThrow()
        .getCharContent(true).toString();
    assertThat(generated).contains("public final class ProfileServiceCached implements ProfileService");
    assertThat(generated).contains("@Generated(\"dev.rekord.processor.RekordProcessor\")");
    assertThat(generated).contains(
        "return profilesCache.getOrCompute(CacheKey.of(\"profile\", id), PROFILE, PROFILE_TTL, () -> delegate.profile(id));");
    assertThat(generated).contains("new ValueType<List<ProfileService.Profile>>() {}");
    assertThat(generated).contains("Duration.parse(\"P1D\")");
    assertThat(generated).contains("public boolean invalidateSearch(ProfileService.Query query, int page,");
    assertThat(generated).contains("delegate.rename(id, name);");
    assertThat(generated).contains("profilesCache.invalidateAll();\n    countsCache.invalidateAll();");
  }

  @Test
  void overloadedMethodsGetTheirParameterTypesInTheKey() throws IOException {
    Compilation c = compile(service("""
          @Cached(name = "profiles", ttl = "PT10M")
          Profile profile(String id);
          @Cached(name = "profiles", ttl = "PT10M")
          Profile profile(UUID id);
        """));
    assertThat(c).succeededWithoutWarnings();
    String generated = c.generatedSourceFile("test.ProfileServiceCached").orElseThrow().getCharContent(true).toString();
    assertThat(generated).contains("CacheKey.of(\"profile(String)\", id)");
    assertThat(generated).contains("CacheKey.of(\"profile(UUID)\", id)");
  }

  @Test
  void unstableKeyIsReportedOnTheParameter() {
    JavaFileObject src = service("""
          @Cached(name = "profiles", ttl = "PT10M")
          Profile profile(String id,
              Object hint,
              Set<String> tags);
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[Rekord.UnstableCacheKey] Each parameter of a @Cached method is part of the"
            + " cache key, but ProfileService.profile(hint) has type java.lang.Object, which has no stable encoding")
        .inFile(src).onLineContaining("Object hint");
    assertThat(c).hadErrorContaining("ProfileService.profile(tags) has type java.util.Set<java.lang.String>")
        .inFile(src).onLineContaining("Set<String> tags");
  }

  @Test
  void uncacheableReturnTypesAreReportedOnTheMethod() {
    JavaFileObject src = service("""
          @Cached(name = "profiles", ttl = "PT10M")
          void touch(String id);
          @Cached(name = "profiles", ttl = "PT10M")
          Optional<Profile> find(String id);
          @Cached(name = "profiles", ttl = "PT10M")
          Runnable task(String id);
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("[Rekord.UncacheableReturnType] A @Cached method returns a value Rekord can"
            + " store and read back, but ProfileService.touch() returns void")
        .inFile(src).onLineContaining("void touch");
    assertThat(c).hadErrorContaining("ProfileService.find() returns java.util.Optional<test.ProfileService.Profile>")
        .inFile(src).onLineContaining("find(String id)");
    assertThat(c).hadErrorContaining("returns java.lang.Runnable").inFile(src).onLineContaining("task(String id)");
  }

  @Test
  void badTtlAndNameAreReportedOnTheAnnotation() {
    JavaFileObject src = service("""
          @Cached(name = "profiles", ttl = "10 minutes")
          Profile profile(String id);
          @Cached(name = "user profiles", ttl = "PT0S")
          Profile other(String id);
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(3);
    assertThat(c).hadErrorContaining("[Rekord.InvalidCacheTtl] A @Cached ttl is a positive ISO-8601 duration, but"
            + " ProfileService.profile() has ttl \"10 minutes\"; write e.g. ttl = \"PT10M\"")
        .inFile(src).onLineContaining("\"10 minutes\"");
    assertThat(c).hadErrorContaining("ProfileService.other() has ttl \"PT0S\"").inFile(src).onLineContaining("PT0S");
    assertThat(c).hadErrorContaining("[Rekord.InvalidCacheName] A cache name uses letters, digits and `_ . -`, but"
            + " ProfileService.other() has name \"user profiles\"; use e.g. name = \"user-profiles\"")
        .inFile(src).onLineContaining("user profiles");
  }

  @Test
  void checkedExceptionsAndGenericMethodsAreReportedOnTheMethod() {
    JavaFileObject src = service("""
          @Cached(name = "profiles", ttl = "PT10M")
          Profile load(String id) throws java.io.IOException;
          @Cached(name = "profiles", ttl = "PT10M")
          <T extends Profile> List<Profile> generic(String id);
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(2);
    assertThat(c).hadErrorContaining("[Rekord.CachedCheckedException] A @Cached method is called through the"
            + " cache's loader, which cannot throw checked exceptions, but ProfileService.load() declares java.io.IOException")
        .inFile(src).onLineContaining("Profile load(");
    assertThat(c).hadErrorContaining("[Rekord.GenericCachedMethod] A @Cached method has one return type and key"
            + " encoding, but ProfileService.generic() declares type parameters")
        .inFile(src).onLineContaining("generic(String id)");
  }

  @Test
  void cachedOutsideAnInterfaceIsReportedOnTheMethod() {
    JavaFileObject src = source("test.ProfileService", """
        public abstract class ProfileService {
          @Cached(name = "profiles", ttl = "PT10M")
          public abstract String profile(String id);
        }
        """);
    Compilation c = compile(src);
    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("[Rekord.CachedOutsideInterface] @Cached methods belong to an interface, which"
            + " a generated decorator implements, but ProfileService.profile() is declared in ProfileService")
        .inFile(src).onLineContaining("abstract String profile");
  }

  @Test
  void sameInputTwiceGivesTheSameSource() throws IOException {
    String first = generated();
    assertThat(generated()).isEqualTo(first);
  }

  private static String generated() throws IOException {
    Compilation c = compile(service("""
          @Cached(name = "a", ttl = "PT1M")
          Profile one(String id);
          @Cached(name = "b", ttl = "PT1M")
          List<Profile> two(List<String> ids, Map<String, Integer> weights);
        """));
    assertThat(c).succeededWithoutWarnings();
    return c.generatedSourceFile("test.ProfileServiceCached").orElseThrow().getCharContent(true).toString();
  }

}
