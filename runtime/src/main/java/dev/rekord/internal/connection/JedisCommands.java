package dev.rekord.internal.connection;

import dev.rekord.connection.Command;
import dev.rekord.connection.ReplyType;
import dev.rekord.connection.ScanPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Builder;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Turns Rekord's {@link Command}s into Jedis' {@link CommandObject}s: the name, the keys marked as
 * keys (so a cluster client routes by them), the arguments, and the Jedis builder that reads the
 * reply as the command's {@link ReplyType} (Jedis' builders read RESP2 and RESP3 alike).
 */
final class JedisCommands {
  private JedisCommands() {}

  private static final Map<ReplyType<?>, Builder<?>> BUILDERS = Map.of(
      ReplyType.OBJECT, BuilderFactory.ENCODED_OBJECT,
      ReplyType.STRING, BuilderFactory.STRING,
      ReplyType.LONG, BuilderFactory.LONG,
      ReplyType.BOOLEAN, BuilderFactory.BOOLEAN,
      ReplyType.STRING_LIST, BuilderFactory.STRING_LIST,
      ReplyType.STRING_MAP, BuilderFactory.STRING_MAP,
      ReplyType.SCAN_PAGE, new Builder<ScanPage>() {
        @Override
        public ScanPage build(Object data) {
          ScanResult<String> page = BuilderFactory.SCAN_RESPONSE.build(data);
          return new ScanPage(page.getCursor(), page.getResult());
        }
      },
      ReplyType.MEMBER_SCAN_PAGE, new Builder<ScanPage>() {
        @Override
        public ScanPage build(Object data) {
          ScanResult<Tuple> page = BuilderFactory.ZSCAN_RESPONSE.build(data);
          List<String> members = new ArrayList<>(page.getResult().size());
          for (Tuple member : page.getResult()) {
            members.add(member.getElement());
          }
          return new ScanPage(page.getCursor(), members);
        }
      });

  /** Each command name as Jedis sends it, looked up once. */
  private static final Map<String, ProtocolCommand> NAMES = new ConcurrentHashMap<>();

  static <T> CommandObject<T> of(Command<T> command) {
    CommandArguments args = new CommandArguments(protocolCommand(command.name()));
    for (String key : command.keys()) {
      args.key(key);
    }
    for (String arg : command.args()) {
      args.add(arg);
    }
    for (byte[] raw : command.binaryArgs()) {
      args.add(raw);
    }
    return new CommandObject<>(args, builder(command.reply()));
  }

  /** {@code command} as queued inside {@code MULTI}: its reply is {@code QUEUED}, its own reply comes with {@code EXEC}. */
  static CommandObject<String> queued(Command<?> command) {
    return new CommandObject<>(of(command).getArguments(), BuilderFactory.STRING);
  }

  @SuppressWarnings("unchecked") // BUILDERS maps each reply type to a builder of its type
  private static <T> Builder<T> builder(ReplyType<T> reply) {
    return (Builder<T>) BUILDERS.get(reply);
  }

  private static ProtocolCommand protocolCommand(String name) {
    ProtocolCommand known = NAMES.get(name);
    return known != null ? known : NAMES.computeIfAbsent(name, JedisCommands::lookUp);
  }

  private static ProtocolCommand lookUp(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    try {
      return Protocol.Command.valueOf(upper);
    } catch (IllegalArgumentException e) {
      return new OtherCommand(upper);
    }
  }

  /** A command Jedis does not name (a module's, a newer server's). */
  private static final class OtherCommand implements ProtocolCommand {
    private final byte[] raw;

    OtherCommand(String name) {
      this.raw = name.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getRaw() {
      return raw;
    }
  }
}
