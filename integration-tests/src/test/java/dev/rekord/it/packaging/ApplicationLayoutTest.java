package dev.rekord.it.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.test.RedisServer;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small application compiled by javac with Rekord's processor and run in its own JVM against a
 * real redis-server, twice: as a named module on the module path ({@code requires
 * dev.rekord.runtime}, its model declared with {@code provides}) and on the class path. Proves that
 * generated code needs only exported packages and that the runtime works as a module.
 */
class ApplicationLayoutTest {

  private static final Pattern RUNTIME_JARS = Pattern.compile(
      ".*(rekord-runtime|runtime/target/classes|rekord-annotations|annotations/target/classes"
          + "|/jedis-|/jackson-core-|/jackson-databind-|/jackson-annotations-|/jackson-datatype-jsr310-|/slf4j-api-"
          + "|/commons-pool2-|/gson-|/json-).*");
  private static final Pattern PROCESSOR_JARS = Pattern.compile(
      ".*(rekord-processor|processor/target/classes|rekord-annotations|annotations/target/classes"
          + "|/javapoet-).*");

  private static RedisServer redis;

  @TempDir
  Path dir;

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void runsAsANamedModuleOnTheModulePath() throws Exception {
    write("src/module-info.java", """
        module com.acme.app {
          requires dev.rekord.runtime;
          provides dev.rekord.model.RekordModel with com.acme.app.TaskModel;
        }
        """);
    writeApplication();
    compile("--module-path", path(RUNTIME_JARS));
    String out = run("--module-path", dir.resolve("out") + File.pathSeparator + path(RUNTIME_JARS),
        "-m", "com.acme.app/com.acme.app.Main", redis.url());
    assertEquals("models=[Task] found=write docs module=com.acme.app", out.strip());
  }

  @Test
  void runsOnTheClassPath() throws Exception {
    writeApplication();
    compile("-classpath", path(RUNTIME_JARS));
    String out = run("-cp", dir.resolve("out") + File.pathSeparator + path(RUNTIME_JARS),
        "com.acme.app.Main", redis.url());
    assertTrue(out.strip().startsWith("models=[Task] found=write docs module="), out);
  }

  private void writeApplication() throws IOException {
    write("src/com/acme/app/Task.java", """
        package com.acme.app;

        import dev.rekord.annotations.Id;
        import dev.rekord.annotations.Indexed;
        import dev.rekord.annotations.RedisModel;
        import java.time.LocalDate;

        @RedisModel(prefix = "layout-task")
        public record Task(@Id String id, @Indexed String owner, @Indexed LocalDate due, String title) {}
        """);
    write("src/com/acme/app/Main.java", """
        package com.acme.app;

        import dev.rekord.Rekord;
        import java.time.LocalDate;

        public final class Main {
          public static void main(String[] args) {
            try (Rekord rekord = Rekord.connect(args[0])) {
              rekord.migrate();
              TaskRepository tasks = new TaskRepository(rekord);
              tasks.deleteAll();
              tasks.save(new Task(null, "ada", LocalDate.of(2026, 12, 2), "write docs"));
              tasks.save(new Task(null, "bob", LocalDate.of(2026, 12, 3), "review"));
              String found = tasks.find(Task_.owner.eq("ada").and(Task_.due.lt(LocalDate.of(2027, 1, 1))))
                  .list().get(0).title();
              System.out.println("models=" + rekord.models().stream().map(m -> m.name()).toList()
                  + " found=" + found + " module=" + Main.class.getModule().getName());
            }
          }
        }
        """);
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private void compile(String pathOption, String path) throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", dir.resolve("out").toString(), "--release", "17",
        "-Xlint:all", "-Werror", pathOption, path, "--processor-path", path(PROCESSOR_JARS)));
    try (var sources = Files.walk(dir.resolve("src"))) {
      sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    int exit = javac.run(null, null, null, args.toArray(String[]::new));
    assertEquals(0, exit, "javac " + args + "\n" + diagnostics);
  }

  private String run(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectError(dir.resolve("stderr.txt").toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the application did not finish");
    assertEquals(0, process.exitValue(),
        "exit code of " + command + "\nout: " + out + "\nerr: " + Files.readString(dir.resolve("stderr.txt")));
    return out;
  }

  /** The entries of this test's class path matching {@code pattern}, as a path. */
  private static String path(Pattern pattern) {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (pattern.matcher(entry.replace(File.separatorChar, '/')).matches()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
