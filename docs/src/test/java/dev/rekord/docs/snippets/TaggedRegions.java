package dev.rekord.docs.snippets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds tagged regions in the guide's compiled sources: the lines between {@code // tag::name[]}
 * and {@code // end::name[]} of a file named after the snippet's class. Marker lines of other,
 * nested regions are left out.
 */
final class TaggedRegions {

  private static final Pattern MARKER = Pattern.compile("^\\s*// (tag|end)::([\\w-]+)\\[]\\s*$");

  private final List<Path> sourceRoots;

  TaggedRegions(List<Path> sourceRoots) {
    this.sourceRoots = List.copyOf(sourceRoots);
  }

  /**
   * The region {@code tag} of the class {@code simpleName}, normalized by {@link Code#normalize}.
   *
   * @throws IllegalArgumentException when the class or the region does not exist, or the class
   *     name is ambiguous
   */
  List<String> region(String simpleName, String tag) {
    Path source = source(simpleName);
    List<String> lines = read(source);
    List<String> region = new ArrayList<>();
    boolean inside = false;
    for (String line : lines) {
      Matcher marker = MARKER.matcher(line);
      if (marker.matches()) {
        if (marker.group(2).equals(tag)) {
          if (marker.group(1).equals("end")) {
            return Code.normalize(region);
          }
          inside = true;
        }
        continue;
      }
      if (inside) {
        region.add(line);
      }
    }
    throw new IllegalArgumentException(inside
        ? "Region '" + tag + "' in " + source + " has no '// end::" + tag + "[]'"
        : "No region '// tag::" + tag + "[]' in " + source);
  }

  /** The file that holds the regions of {@code simpleName}. */
  Path source(String simpleName) {
    List<Path> found = new ArrayList<>();
    for (Path root : sourceRoots) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(file -> file.getFileName().toString().equals(simpleName + ".java"))
              .forEach(found::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(found.isEmpty()
          ? "No source file " + simpleName + ".java under " + sourceRoots
          : "Several source files are named " + simpleName + ".java: " + found);
    }
    return found.get(0);
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
