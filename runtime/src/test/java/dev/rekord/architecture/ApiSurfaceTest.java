package dev.rekord.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declared public API keeps its promise: no public or protected member of an exported package
 * names a type of a package the module does not export (Rekord's internals) or a Jedis type (Jedis
 * stays behind the connection layer). Fails the build on the first leak, naming member and type.
 */
class ApiSurfaceTest {

  static final Path CLASSES = Path.of("target", "classes");

  @Test
  void exportedPackagesAreTheDeclaredApi() throws IOException {
    assertEquals(
        Set.of("dev.rekord", "dev.rekord.cache", "dev.rekord.changes", "dev.rekord.codec", "dev.rekord.config", "dev.rekord.connection",
            "dev.rekord.exception", "dev.rekord.health", "dev.rekord.metamodel", "dev.rekord.model", "dev.rekord.query",
            "dev.rekord.ratelimit", "dev.rekord.schema", "dev.rekord.update", "dev.rekord.values"),
        exports(), "a change to the public API is deliberate: update this list with module-info.java");
  }

  @Test
  void noPublicSignatureExposesAnInternalOrJedisType() throws Exception {
    Set<String> exported = exports();
    Set<String> leaks = new TreeSet<>();
    for (Class<?> type : apiClasses(exported)) {
      for (Member member : members(type)) {
        Set<Class<?>> named = new HashSet<>();
        for (Type t : member.types()) {
          collect(t, named, new HashSet<>());
        }
        for (Class<?> used : named) {
          String pkg = used.getPackageName();
          boolean internal = pkg.startsWith("dev.rekord") && !exported.contains(pkg)
              && !pkg.equals("dev.rekord.annotations");
          if (internal || pkg.startsWith("redis.clients")) {
            leaks.add(type.getName() + "#" + member.name() + " exposes " + used.getName());
          }
        }
      }
    }
    assertTrue(leaks.isEmpty(), "public API exposes types it must not:\n" + String.join("\n", leaks));
  }

  static Set<String> exports() throws IOException {
    try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
      Set<String> packages = new TreeSet<>();
      for (ModuleDescriptor.Exports export : ModuleDescriptor.read(in).exports()) {
        assertTrue(export.targets().isEmpty(), "qualified export: " + export);
        packages.add(export.source());
      }
      return packages;
    }
  }

  /** Every public class of the exported packages, nested ones included when reachable. */
  private static List<Class<?>> apiClasses(Set<String> exported) throws Exception {
    List<Class<?>> classes = new ArrayList<>();
    for (String pkg : exported) {
      Path dir = CLASSES.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          String simple = file.getFileName().toString().replace(".class", "");
          if (simple.equals("package-info")) {
            continue;
          }
          Class<?> type = Class.forName(pkg + "." + simple, false, ApiSurfaceTest.class.getClassLoader());
          if (isVisible(type)) {
            classes.add(type);
          }
        }
      }
    }
    return classes;
  }

  /** Public, and so are all its enclosing classes; or protected inside a public extensible class. */
  private static boolean isVisible(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
        return false;
      }
      int m = c.getModifiers();
      if (!Modifier.isPublic(m) && !(Modifier.isProtected(m) && c.getEnclosingClass() != null)) {
        return false;
      }
    }
    return true;
  }

  private record Member(String name, List<Type> types) {}

  private static List<Member> members(Class<?> type) {
    List<Member> members = new ArrayList<>();
    List<Type> header = new ArrayList<>();
    if (type.getGenericSuperclass() != null) {
      header.add(type.getGenericSuperclass());
    }
    header.addAll(List.of(type.getGenericInterfaces()));
    for (TypeVariable<?> variable : type.getTypeParameters()) {
      header.addAll(List.of(variable.getBounds()));
    }
    members.add(new Member("<type>", header));
    boolean extensible = !Modifier.isFinal(type.getModifiers()) && !type.isRecord() && !type.isEnum();
    for (Field field : type.getDeclaredFields()) {
      if (visible(field.getModifiers(), extensible) && !field.isSynthetic()) {
        members.add(new Member(field.getName(), List.of(field.getGenericType())));
      }
    }
    List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
    executables.addAll(List.of(type.getDeclaredConstructors()));
    for (Executable executable : executables) {
      if (!visible(executable.getModifiers(), extensible) || executable.isSynthetic()
          || (executable instanceof Method m && m.isBridge())) {
        continue;
      }
      List<Type> types = new ArrayList<>(List.of(executable.getGenericParameterTypes()));
      types.addAll(List.of(executable.getGenericExceptionTypes()));
      if (executable instanceof Method method) {
        types.add(method.getGenericReturnType());
      }
      for (TypeVariable<?> variable : executable.getTypeParameters()) {
        types.addAll(List.of(variable.getBounds()));
      }
      String name = executable instanceof Constructor<?> ? "<init>" : executable.getName();
      members.add(new Member(name, types));
    }
    return members;
  }

  private static boolean visible(int modifiers, boolean extensible) {
    return Modifier.isPublic(modifiers) || (extensible && Modifier.isProtected(modifiers));
  }

  private static void collect(Type type, Set<Class<?>> out, Set<Type> seen) {
    if (!seen.add(type)) {
      return;
    }
    if (type instanceof Class<?> c) {
      out.add(c.isArray() ? c.getComponentType() : c);
    } else if (type instanceof ParameterizedType p) {
      collect(p.getRawType(), out, seen);
      for (Type argument : p.getActualTypeArguments()) {
        collect(argument, out, seen);
      }
    } else if (type instanceof WildcardType w) {
      for (Type bound : w.getUpperBounds()) {
        collect(bound, out, seen);
      }
      for (Type bound : w.getLowerBounds()) {
        collect(bound, out, seen);
      }
    } else if (type instanceof GenericArrayType a) {
      collect(a.getGenericComponentType(), out, seen);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        collect(bound, out, seen);
      }
    }
  }
}
