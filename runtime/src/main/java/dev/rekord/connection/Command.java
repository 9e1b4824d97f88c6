package dev.rekord.connection;

import java.util.List;
import java.util.Objects;

/**
 * One Redis command as data: its name, the keys it touches, its other arguments and how its reply
 * is read. On the wire it is {@code name keys… args…}, the shape of almost every Redis command;
 * on a cluster it is routed by its keys (all in one slot), a command without keys goes wherever
 * Jedis sends keyless commands. {@link Commands} builds the commands Rekord uses; {@link #of}
 * builds any other. Run it with {@link RedisConnection#execute}, {@link
 * RedisConnection#executeOnce} or in a {@link Batch}.
 *
 * @param name the command's name, one word ({@code HGETALL}); a subcommand is the first argument
 *     ({@code CLIENT} with the argument {@code LIST})
 * @param keys the keys, sent right after the name
 * @param args the other arguments, sent after the keys
 * @param reply how the reply is read
 * @param binaryArgs arguments sent as raw bytes after {@code args} (a vector's FLOAT32 blob);
 *     usually none
 * @param <T> the reply's type
 */
public record Command<T>(String name, List<String> keys, List<String> args, ReplyType<T> reply,
    List<byte[]> binaryArgs) {

  public Command {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("a command name is one word, its subcommand an argument: '" + name + "'");
    }
    keys = List.copyOf(keys);
    args = List.copyOf(args);
    Objects.requireNonNull(reply, "reply");
    binaryArgs = List.copyOf(binaryArgs);
  }

  /** A command whose arguments are all text (sent as UTF-8). */
  public Command(String name, List<String> keys, List<String> args, ReplyType<T> reply) {
    this(name, keys, args, reply, List.of());
  }

  /** This command with {@code values} sent as raw bytes after its other arguments (not copied). */
  public Command<T> withBinaryArgs(byte[]... values) {
    List<byte[]> all = new java.util.ArrayList<>(binaryArgs);
    all.addAll(List.of(values));
    return new Command<>(name, keys, args, reply, all);
  }

  /**
   * Any command, its reply read as {@link ReplyType#OBJECT}: for example {@code Command.of("INCR",
   * List.of("visits"), List.of())}.
   */
  public static Command<Object> of(String name, List<String> keys, List<String> args) {
    return new Command<>(name, keys, args, ReplyType.OBJECT);
  }

  @Override
  public String toString() {
    // Names and keys only: argument values may be user data.
    return name + (keys.isEmpty() ? "" : " " + String.join(" ", keys))
        + (args.isEmpty() ? "" : " (" + args.size() + " argument" + (args.size() == 1 ? ")" : "s)"))
        + (binaryArgs.isEmpty() ? "" : " (" + binaryArgs.size() + " binary)");
  }
}
