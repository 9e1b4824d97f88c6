package dev.rekord.update;

import dev.rekord.query.Attribute;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One change to one field of a stored document, for {@code repository.update(id, …)}: several run
 * together in one atomic step, in the order given. Built by the static factories, each typed by its
 * field, so that what cannot apply does not compile:
 *
 * <pre>{@code
 * members.update(id, Update.increment(Member_.age, 1), Update.append(Member_.tags, "vip"));
 * Update.increment(Member_.city, 1);   // does not compile: city is a String
 * Update.append(Member_.age, 3);       // does not compile: age is not a list
 * }</pre>
 *
 * <p>An absent ({@code null}) field counts as zero for {@link #increment}, as empty for string,
 * list, set and map operations (which then store a new one), and as absent for {@link #plus}: a
 * date shift of a {@code null} date leaves it {@code null}.
 *
 * @param <R> the model
 */
public final class Update<R> {

  private final Attribute<R, ?> field;
  private final String description;
  private final Change<R, ?> change;

  private <V> Update(Attribute<R, V> field, String description, UnaryOperator<V> change) {
    this.field = Objects.requireNonNull(field, "field must not be null");
    this.description = description;
    this.change = new Change<>(field, change);
  }

  /** The field this update changes. */
  public Attribute<R, ?> field() {
    return field;
  }

  /** Reads its field from {@code values}, changes it and writes it back. */
  public void applyTo(FieldValues<R> values) {
    change.applyTo(values);
  }

  @Override
  public String toString() {
    return description;
  }

  /** The typed change behind the wildcard of {@link #field}. */
  private record Change<R, V>(Attribute<R, V> field, UnaryOperator<V> function) {
    void applyTo(FieldValues<R> values) {
      values.set(field, function.apply(values.get(field)));
    }
  }

  // ---- any field

  /** Sets {@code field} (also a field inside an embedded record) to {@code value}; {@code null} removes it. */
  public static <R, V> Update<R> set(Attribute<R, V> field, V value) {
    return new Update<>(field, "set " + field + " = " + value, old -> value);
  }

  // ---- numbers

  /** Adds {@code by} to a number field (a {@code null} field counts as zero); overflow throws {@link ArithmeticException}. */
  public static <R, N extends Number> Update<R> increment(Attribute<R, N> field, N by) {
    Objects.requireNonNull(by, "by must not be null");
    return new Update<>(field, "increment " + field + " by " + by, old -> Numbers.add(old, by));
  }

  /** Subtracts {@code by} from a number field (a {@code null} field counts as zero). */
  public static <R, N extends Number> Update<R> decrement(Attribute<R, N> field, N by) {
    Objects.requireNonNull(by, "by must not be null");
    return new Update<>(field, "decrement " + field + " by " + by, old -> Numbers.add(old, Numbers.negate(by)));
  }

  // ---- strings

  /** Appends {@code suffix} to a string field ({@code null}: the field becomes {@code suffix}). */
  public static <R> Update<R> append(Attribute<R, String> field, String suffix) {
    Objects.requireNonNull(suffix, "suffix must not be null");
    return new Update<>(field, "append " + suffix + " to " + field, old -> old == null ? suffix : old + suffix);
  }

  // ---- lists

  /** Adds {@code element} at the end of a list field. */
  public static <R, E> Update<R> append(Attribute<R, List<E>> field, E element) {
    return new Update<>(field, "append " + element + " to " + field, old -> {
      List<E> list = list(old);
      list.add(element);
      return list;
    });
  }

  /** Adds {@code element} at the start of a list field. */
  public static <R, E> Update<R> prepend(Attribute<R, List<E>> field, E element) {
    return new Update<>(field, "prepend " + element + " to " + field, old -> {
      List<E> list = list(old);
      list.add(0, element);
      return list;
    });
  }

  /**
   * Inserts {@code element} at {@code index} of a list field (0: first; the list's size: last).
   *
   * @throws IndexOutOfBoundsException when the stored list is shorter than {@code index}
   */
  public static <R, E> Update<R> insert(Attribute<R, List<E>> field, int index, E element) {
    return new Update<>(field, "insert " + element + " at " + index + " of " + field, old -> {
      List<E> list = list(old);
      list.add(index, element);
      return list;
    });
  }

  /** Removes the first element of a list field, if any. */
  public static <R, E> Update<R> popFirst(Attribute<R, List<E>> field) {
    return new Update<>(field, "pop the first of " + field, old -> {
      List<E> list = list(old);
      if (!list.isEmpty()) {
        list.remove(0);
      }
      return old == null ? null : list;
    });
  }

  /** Removes the last element of a list field, if any. */
  public static <R, E> Update<R> popLast(Attribute<R, List<E>> field) {
    return new Update<>(field, "pop the last of " + field, old -> {
      List<E> list = list(old);
      if (!list.isEmpty()) {
        list.remove(list.size() - 1);
      }
      return old == null ? null : list;
    });
  }

  /**
   * Keeps the elements of a list field from {@code start} to {@code stop}, both inclusive, as Redis'
   * {@code LTRIM} does: a negative index counts from the end ({@code -1}: the last), and a range
   * outside the list leaves it empty. {@code trim(field, 0, 9)} keeps the first ten.
   */
  public static <R, E> Update<R> trim(Attribute<R, List<E>> field, int start, int stop) {
    return new Update<>(field, "trim " + field + " to " + start + ".." + stop, old -> {
      if (old == null) {
        return null;
      }
      int size = old.size();
      int from = Math.max(0, start < 0 ? size + start : start);
      int to = Math.min(size - 1, stop < 0 ? size + stop : stop);
      return from > to ? new ArrayList<>() : new ArrayList<>(old.subList(from, to + 1));
    });
  }

  // ---- lists and sets

  /** Removes every occurrence of {@code element} from a list or set field. */
  public static <R, E, C extends Collection<E>> Update<R> remove(Attribute<R, C> field, E element) {
    return new Update<>(field, "remove " + element + " from " + field, old -> {
      if (old == null) {
        return null;
      }
      Collection<E> copy = old instanceof Set<?> ? new LinkedHashSet<>(old) : new ArrayList<>(old);
      copy.removeIf(e -> Objects.equals(e, element));
      @SuppressWarnings("unchecked") // a List for a list field, a Set for a set field: what its codec writes
      C changed = (C) copy;
      return changed;
    });
  }

  // ---- sets

  /** Adds {@code element} to a set field (nothing changes when it is there). */
  public static <R, E> Update<R> add(Attribute<R, Set<E>> field, E element) {
    return new Update<>(field, "add " + element + " to " + field, old -> {
      Set<E> set = old == null ? new LinkedHashSet<>() : new LinkedHashSet<>(old);
      set.add(element);
      return set;
    });
  }

  // ---- maps

  /** Puts {@code value} under {@code key} in a map field. */
  public static <R, K, V> Update<R> put(Attribute<R, Map<K, V>> field, K key, V value) {
    Objects.requireNonNull(key, "key must not be null");
    return new Update<>(field, "put " + key + " = " + value + " in " + field, old -> {
      Map<K, V> map = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      map.put(key, value);
      return map;
    });
  }

  /** Removes {@code key} from a map field. */
  public static <R, K, V> Update<R> removeKey(Attribute<R, Map<K, V>> field, K key) {
    return new Update<>(field, "remove key " + key + " from " + field, old -> {
      if (old == null) {
        return null;
      }
      Map<K, V> map = new LinkedHashMap<>(old);
      map.remove(key);
      return map;
    });
  }

  // ---- dates and times

  /**
   * Shifts a date or time field by {@code amount} (a {@code Period} or a {@code Duration}); a
   * {@code null} field stays {@code null}.
   *
   * @throws IllegalArgumentException (when applied) for an amount the type has no unit for, e.g.
   *     hours on a {@code LocalDate}
   */
  public static <R, T extends Temporal> Update<R> plus(Attribute<R, T> field, TemporalAmount amount) {
    Objects.requireNonNull(amount, "amount must not be null");
    return new Update<>(field, "plus " + amount + " on " + field, old -> shift(field, old, amount, false));
  }

  /** {@link #plus} backwards. */
  public static <R, T extends Temporal> Update<R> minus(Attribute<R, T> field, TemporalAmount amount) {
    Objects.requireNonNull(amount, "amount must not be null");
    return new Update<>(field, "minus " + amount + " on " + field, old -> shift(field, old, amount, true));
  }

  private static <T extends Temporal> T shift(Attribute<?, T> field, T old, TemporalAmount amount, boolean back) {
    if (old == null) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked") // every java.time type returns its own type from plus and minus
      T shifted = (T) (back ? old.minus(amount) : old.plus(amount));
      return shifted;
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("cannot shift " + field + " (" + old.getClass().getSimpleName() + ") by "
          + amount + ": " + e.getMessage(), e);
    }
  }

  private static <E> List<E> list(List<E> old) {
    return old == null ? new ArrayList<>() : new ArrayList<>(old);
  }

  /** Arithmetic on the boxed number types of record components, in the field's own type. */
  private static final class Numbers {
    private Numbers() {}

    @SuppressWarnings("unchecked") // the result has the type of by (and of the field)
    static <N extends Number> N add(N old, N by) {
      Number sum;
      if (by instanceof Integer b) {
        sum = Math.addExact(old == null ? 0 : old.intValue(), b);
      } else if (by instanceof Long b) {
        sum = Math.addExact(old == null ? 0L : old.longValue(), b);
      } else if (by instanceof Short b) {
        sum = (short) narrow(old == null ? 0 : old.intValue() + b, Short.MIN_VALUE, Short.MAX_VALUE);
      } else if (by instanceof Byte b) {
        sum = (byte) narrow(old == null ? 0 : old.intValue() + b, Byte.MIN_VALUE, Byte.MAX_VALUE);
      } else if (by instanceof Double b) {
        sum = (old == null ? 0.0 : old.doubleValue()) + b;
      } else if (by instanceof Float b) {
        sum = (old == null ? 0.0f : old.floatValue()) + b;
      } else if (by instanceof BigDecimal b) {
        sum = old == null ? b : ((BigDecimal) old).add(b);
      } else if (by instanceof BigInteger b) {
        sum = old == null ? b : ((BigInteger) old).add(b);
      } else {
        throw new IllegalArgumentException("cannot add a " + by.getClass().getName());
      }
      return (N) sum;
    }

    private static int narrow(int value, int min, int max) {
      if (value < min || value > max) {
        throw new ArithmeticException("overflow: " + value);
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    static <N extends Number> N negate(N by) {
      Number negated;
      if (by instanceof Integer b) {
        negated = Math.negateExact(b);
      } else if (by instanceof Long b) {
        negated = Math.negateExact(b);
      } else if (by instanceof Short b) {
        negated = (short) -b;
      } else if (by instanceof Byte b) {
        negated = (byte) -b;
      } else if (by instanceof Double b) {
        negated = -b;
      } else if (by instanceof Float b) {
        negated = -b;
      } else if (by instanceof BigDecimal b) {
        negated = b.negate();
      } else if (by instanceof BigInteger b) {
        negated = b.negate();
      } else {
        throw new IllegalArgumentException("cannot negate a " + by.getClass().getName());
      }
      return (N) negated;
    }
  }
}
