package dev.rekord.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * An interface with {@code @Cached} methods, as its generated decorator needs it: every method to
 * implement, the cached ones with their cache.
 *
 * @param type the interface
 * @param decorator the generated decorator class ({@code ProfileServiceCached})
 * @param methods the abstract methods and the {@code @Cached} default methods, in declaration order
 */
public record CachedService(ClassName type, ClassName decorator, List<Method> methods) {

  public CachedService {
    methods = List.copyOf(methods);
  }

  /**
   * One method of the interface.
   *
   * @param name the method's name
   * @param returns its return type
   * @param parameters its parameters, in order
   * @param thrown the exceptions it declares
   * @param cache the cache of a {@code @Cached} method; {@code null} for a method the decorator only
   *     delegates
   * @param keyName the method's name in cache keys: the name, with the parameter types when the
   *     name is overloaded
   */
  public record Method(String name, TypeName returns, List<Parameter> parameters, List<TypeName> thrown,
      CacheSettings cache, String keyName) {

    public Method {
      parameters = List.copyOf(parameters);
      thrown = List.copyOf(thrown);
    }

    public boolean cached() {
      return cache != null;
    }
  }

  public record Parameter(String name, TypeName type) {}

  /**
   * @param name the cache's name
   * @param ttl the ISO-8601 time to live as written ({@code PT10M})
   */
  public record CacheSettings(String name, String ttl) {}
}
