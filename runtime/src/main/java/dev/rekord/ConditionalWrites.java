package dev.rekord;

import java.util.List;

/**
 * The result of a batch of conditional writes ({@link RekordRepository#insertAll}, {@link
 * RekordRepository#updateAll}): the entities written and the ids refused because the stored
 * document did not meet the condition. A refused document does not fail the others; each document
 * is written atomically, the batch as a whole is not.
 *
 * @param written the entities written, as stored (with generated ids), in the order given
 * @param refused the ids refused (insert: the document existed; update: it did not), in the order
 *     given
 */
public record ConditionalWrites<T, ID>(List<T> written, List<ID> refused) {

  public ConditionalWrites {
    written = List.copyOf(written);
    refused = List.copyOf(refused);
  }

  /** Whether every entity was written. */
  public boolean allWritten() {
    return refused.isEmpty();
  }
}
