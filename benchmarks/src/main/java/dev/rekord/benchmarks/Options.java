package dev.rekord.benchmarks;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} arguments of a benchmark's {@code main}. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(String[] args) {
    for (int i = 0; i + 1 < args.length; i += 2) {
      values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name, String otherwise) {
    return values.getOrDefault(name, otherwise);
  }

  int integer(String name, int otherwise) {
    return has(name) ? Integer.parseInt(values.get(name)) : otherwise;
  }
}
