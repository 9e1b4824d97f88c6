package dev.rekord.exception;

import java.util.List;

/**
 * An atomic unit of work ({@code repository.unitOfWork()…commit()}) names documents of more than one
 * bucket: their keys live in different hash slots, so no single script can check and write them
 * together, and nothing was written. Keep the ids of one unit in one bucket, or apply it item by
 * item with {@code applyEach()}.
 */
public class CrossBucketWriteException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final List<String> buckets;

  public CrossBucketWriteException(String model, List<String> buckets) {
    super("A unit of work on " + model + " spans " + buckets.size() + " buckets " + buckets
        + ": commit() is atomic only within one bucket (one hash slot); nothing was written. Use ids of one"
        + " bucket, or applyEach() for a pipelined batch with a result per item");
    this.model = model;
    this.buckets = List.copyOf(buckets);
  }

  /** The model's name. */
  public String model() {
    return model;
  }

  /** The hash tags of the buckets the unit's documents belong to ({@code {member:3}}), in order of first use. */
  public List<String> buckets() {
    return buckets;
  }
}
