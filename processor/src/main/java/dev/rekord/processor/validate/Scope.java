package dev.rekord.processor.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * Where in the model a record's components are being read: the path for messages, the prefix of
 * flattened stored names, and the chain of records that led here (to detect recursion).
 *
 * @param path the path for messages, e.g. {@code Member.address}
 * @param storedPrefix the stored-name prefix of this record's components, e.g. {@code address.}
 * @param embedded whether this is an embedded record (not the model itself)
 * @param insideCollection whether this record is held in a collection (its values are multi-valued)
 * @param frames the records on the way here, outermost first; the last is the current one
 * @param storedNames the namespace stored names must be unique in
 */
record Scope(
    String path,
    String storedPrefix,
    boolean embedded,
    boolean insideCollection,
    List<Frame> frames,
    StoredNames storedNames) {

  /** A record on the path, and the component through which the path leaves it. */
  record Frame(TypeElement type, String via) {}

  /** The scope of the model's own components. */
  static Scope of(TypeElement model) {
    return new Scope(model.getSimpleName().toString(), "", false, false,
        List.of(new Frame(model, null)), new StoredNames());
  }

  TypeElement current() {
    return frames.get(frames.size() - 1).type();
  }

  /**
   * The scope of the components of {@code record}, reached through {@code component} (stored as
   * {@code storedPath}); a collection starts a new stored-name namespace, as it is stored whole.
   */
  Scope into(TypeElement record, String component, String storedPath, boolean throughCollection) {
    List<Frame> next = new ArrayList<>(frames.subList(0, frames.size() - 1));
    next.add(new Frame(current(), component));
    next.add(new Frame(record, null));
    return throughCollection
        ? new Scope(path + "." + component, "", true, true, List.copyOf(next), new StoredNames())
        : new Scope(path + "." + component, storedPath + ".", true, insideCollection, List.copyOf(next), storedNames);
  }

  /**
   * If {@code record}, reached through {@code component}, is already on the path: the cycle, e.g.
   * {@code Node.next → Node}.
   */
  Optional<String> cycleTo(TypeElement record, String component) {
    String target = record.getQualifiedName().toString();
    for (int start = 0; start < frames.size(); start++) {
      if (frames.get(start).type().getQualifiedName().contentEquals(target)) {
        StringBuilder cycle = new StringBuilder();
        for (int i = start; i < frames.size(); i++) {
          Frame frame = frames.get(i);
          String via = i == frames.size() - 1 ? component : frame.via();
          cycle.append(frame.type().getSimpleName()).append('.').append(via).append(" → ");
        }
        return Optional.of(cycle.append(record.getSimpleName()).toString());
      }
    }
    return Optional.empty();
  }

  /** Flattened stored names and the component paths that use them. */
  static final class StoredNames {
    private final Map<String, String> owners = new HashMap<>();

    /** Claims {@code storedPath} for {@code path}; returns the earlier owner on a clash. */
    Optional<String> claim(String storedPath, String path) {
      return Optional.ofNullable(owners.putIfAbsent(storedPath, path));
    }
  }
}
