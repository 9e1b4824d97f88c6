package dev.rekord.values;

import dev.rekord.exception.RekordException;
import dev.rekord.internal.connection.BinaryCalls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Raw byte values ({@code values.bytes()}): stored as they are, read back byte for byte — for
 * what is not text (images, compressed or encrypted blobs, another library's serialized form).
 * Keys are in the namespace, as for {@link Values}.
 *
 * <pre>{@code
 * values.bytes().set("thumb:42", png, Duration.ofHours(1));
 * Optional<byte[]> thumb = values.bytes().get("thumb:42");
 * }</pre>
 */
public final class ByteValues {

  private final Values values;

  ByteValues(Values values) {
    this.values = values;
  }

  /** The bytes at {@code key}; empty when there are none. */
  public Optional<byte[]> get(String key) {
    return Optional.ofNullable(BinaryCalls.get(values.connection(), values.redisKey(key)));
  }

  /** Stores {@code value} at {@code key}, with no expiry. */
  public void set(String key, byte[] value) {
    BinaryCalls.set(values.connection(), values.redisKey(key), value.clone(), 0);
  }

  /** Stores {@code value} at {@code key}, expiring {@code ttl} later. */
  public void set(String key, byte[] value, Duration ttl) {
    if (ttl.toMillis() < 1) {
      throw new IllegalArgumentException("a ttl is at least 1 ms: " + ttl);
    }
    BinaryCalls.set(values.connection(), values.redisKey(key), value.clone(), ttl.toMillis());
  }

  /**
   * The bytes of many keys in one round trip (per node on a cluster): for every key, in the order
   * asked, its bytes, missing, or its failure (a key of another Redis type).
   */
  public List<ValueRead<byte[]>> mget(List<String> keys) {
    List<String> redisKeys = new ArrayList<>(keys.size());
    for (String key : keys) {
      redisKeys.add(values.redisKey(key));
    }
    List<Object> raw = BinaryCalls.mget(values.connection(), redisKeys);
    List<ValueRead<byte[]>> reads = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      Object value = raw.get(i);
      reads.add(value instanceof RekordException failure
          ? new ValueRead<>(keys.get(i), null, failure)
          : new ValueRead<>(keys.get(i), (byte[]) value, null));
    }
    return reads;
  }
}
