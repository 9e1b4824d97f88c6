package dev.rekord.changes;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * One change of one document, as its change stream holds it.
 *
 * @param id the document's id
 * @param kind what happened
 * @param fields the stored names of the fields whose values changed (every field of a created
 *     document; empty for deletes and expiries)
 * @param version the document's {@code @Version} after the change, for a versioned model's saves
 * @param time when the change was written, by the server's clock (to the millisecond)
 * @param position the event's place in its stream ({@code <bucket>/<stream entry id>}), unique per
 *     event: a handler that may see an event twice (see {@link ChangeStream#subscribe}) can use it
 *     to tell
 * @param <ID> the id type
 */
public record ChangeEvent<ID>(ID id, ChangeKind kind, List<String> fields, OptionalLong version, Instant time,
    String position) {

  public ChangeEvent {
    fields = List.copyOf(fields);
  }
}
