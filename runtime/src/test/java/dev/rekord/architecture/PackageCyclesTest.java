package dev.rekord.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's packages depend on each other without cycles, so each can be understood (and
 * replaced) from the ones below it. Dependencies are read from the sources: imports and
 * fully qualified names in code (comments and strings are ignored).
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(dev\\.rekord(?:\\.[a-z]\\w*)*)\\.[A-Z]\\w*");

  @Test
  void runtimePackagesHaveNoCycles() throws IOException {
    Map<String, Set<String>> graph = dependencies();
    List<List<String>> cycles = new ArrayList<>();
    for (List<String> component : new Tarjan(graph).components()) {
      if (component.size() > 1) {
        cycles.add(component);
      }
    }
    assertTrue(cycles.isEmpty(), "package cycles: " + cycles + "\ndependencies: " + graph);
  }

  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (file.getFileName().toString().equals("module-info.java")) {
          continue;
        }
        String source = code(Files.readString(file));
        Matcher pkg = PACKAGE.matcher(source);
        if (!pkg.find()) {
          continue;
        }
        String from = pkg.group(1);
        Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
        Matcher reference = REFERENCE.matcher(source.substring(pkg.end()));
        while (reference.find()) {
          String target = reference.group(1);
          if (!target.equals(from) && !target.equals("dev.rekord.annotations")) {
            to.add(target);
          }
        }
      }
    }
    return graph;
  }

  /** The source without comments and string literals. */
  private static String code(String source) {
    return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ")
        .replaceAll("\"[^\"\\\\]*(?:\\\\.[^\"\\\\]*)*\"", "\"\""); // unrolled: no stack frame per character
  }

  /** Tarjan's strongly connected components. */
  private static final class Tarjan {
    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<List<String>> components = new ArrayList<>();
    private int next;

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
    }

    List<List<String>> components() {
      for (String node : graph.keySet()) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      return components;
    }

    private void visit(String node) {
      index.put(node, next);
      low.put(node, next++);
      stack.push(node);
      onStack.add(node);
      for (String target : graph.getOrDefault(node, Set.of())) {
        if (!index.containsKey(target)) {
          visit(target);
          low.put(node, Math.min(low.get(node), low.get(target)));
        } else if (onStack.contains(target)) {
          low.put(node, Math.min(low.get(node), index.get(target)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        List<String> component = new ArrayList<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        components.add(component);
      }
    }
  }
}
