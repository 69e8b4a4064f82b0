package io.tenantry.benchmarks.app;

import io.tenantry.benchmarks.app.isolationoff.IsolationOffClassPath;
import io.tenantry.benchmarks.app.isolationoff.IsolationOffPostProcessor;
import io.tenantry.benchmarks.db.BenchServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference POS ({@code examples/pos/target/tenantry-pos.jar}, a Spring Boot fat jar) started as its own
 * process on the run's PostgreSQL server: the admin login is its owner login (it migrates), requests run as the
 * app role, and the benchmark's two POS roles have the run's password. Same JVM options for every instance.
 */
public final class PosProcess implements AutoCloseable {

  /** The POS roles the benchmark creates (cluster-wide; never the POS defaults, which tests and demos use). */
  public static final String APP_ROLE = "tenantry_bench_pos_app";
  public static final String SYSTEM_ROLE = "tenantry_bench_pos_system";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  /** The same for every instance: a server JIT, a fixed heap. */
  static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx1g", "-XX:+UseParallelGC");

  public final String url;
  public final boolean isolationOff;
  /**
   * Where this POS writes the links it mails (started with the development/benchmark switch
   * {@code pos.outbox.file}): how the benchmark confirms its signups from another process.
   */
  public final Path mailbox;
  private final Process process;
  private final Path log;
  /** The isolation-off classes given to this POS (none for the POS as shipped). */
  private final Path extraClassPath;

  private PosProcess(String url, boolean isolationOff, Path mailbox, Process process, Path log, Path extraClassPath) {
    this.url = url;
    this.isolationOff = isolationOff;
    this.mailbox = mailbox;
    this.process = process;
    this.log = log;
    this.extraClassPath = extraClassPath;
  }

  /** A client of this POS that can confirm signups from its mailbox. */
  public PosApi api() {
    return new PosApi(url, mailbox);
  }

  /** The jar: {@code -Dtenantry.pos.jar=...}, else {@code examples/pos/target/tenantry-pos.jar} from the repository root. */
  public static Path jar() {
    String configured = System.getProperty("tenantry.pos.jar");
    Path p = configured != null ? Path.of(configured) : Path.of("examples", "pos", "target", "tenantry-pos.jar");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("The POS benchmarks run the reference POS from " + p.toAbsolutePath()
          + ", which is missing. Build it from the repository root: mvn -B -q -pl benchmarks,examples/pos,"
          + "examples/register-client -am package -DskipTests (or set -Dtenantry.pos.jar=PATH)");
    }
    return p;
  }

  /**
   * Starts a POS on {@code database} and waits until it answers.
   *
   * @param isolationOff starts the same jar with the benchmark's isolation-off configuration on its class path
   *     ({@link IsolationOffClassPath}); the POS itself has no setting that turns isolation off
   */
  public static PosProcess start(BenchServer server, String database, boolean isolationOff, String name)
      throws IOException {
    Path log = Files.createTempFile("tenantry-bench-" + name + "-", ".log");
    Path mailbox = Files.createTempFile("tenantry-bench-" + name + "-outbox-", ".txt");
    int port = freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JVM_OPTIONS);
    // Spring Boot's PropertiesLauncher for both instances (the same launcher, the same class loading); the
    // isolation-off one gets the benchmark's own configuration added to its class path (IsolationOffClassPath)
    Path extraClassPath = null;
    if (isolationOff) {
      extraClassPath = IsolationOffClassPath.writeTo(Files.createTempDirectory("tenantry-bench-" + name + "-classes-"));
      cmd.add("-Dloader.path=" + extraClassPath.toAbsolutePath());
    }
    cmd.addAll(List.of("-cp", jar().toAbsolutePath().toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
        "--server.port=" + port, "--server.address=127.0.0.1",
        "--spring.datasource.url=" + server.jdbcUrl(database),
        "--spring.datasource.username=" + server.adminUser(),
        "--spring.datasource.password=" + server.adminPassword(),
        "--pos.database.app-role=" + APP_ROLE, "--pos.database.app-password=" + server.rolePassword(),
        "--pos.database.system-role=" + SYSTEM_ROLE, "--pos.database.system-password=" + server.rolePassword(),
        "--pos.demo.enabled=false", "--pos.outbox.file=" + mailbox));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    // hermetic: no database, server or class-path settings (PropertiesLauncher reads LOADER_*) from the environment
    builder.environment().keySet().removeIf(n -> n.startsWith("SPRING_") || n.startsWith("SERVER_") || n.startsWith("POS_")
        || n.startsWith("LOADER_"));
    PosProcess pos = new PosProcess("http://127.0.0.1:" + port, isolationOff, mailbox, builder.start(), log,
        extraClassPath);
    pos.awaitStarted(name);
    return pos;
  }

  private void awaitStarted(String name) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long started = System.nanoTime();
    while (System.nanoTime() - started < START_TIMEOUT.toNanos()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The POS (" + name + ") exited with " + process.exitValue()
            + " while starting; its log: " + log + "\n" + tail());
      }
      try {
        // any answer (401 without credentials) means it is up
        http.send(HttpRequest.newBuilder(URI.create(url + "/api/stores")).build(), HttpResponse.BodyHandlers.discarding());
        System.out.printf("  POS %s%s up at %s after %.0f s (log %s)%n", name, isolationOff ? " (ISOLATION OFF)" : "",
            url, (System.nanoTime() - started) / 1e9, log);
        return;
      } catch (IOException e) {
        sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    close();
    throw new IllegalStateException("The POS (" + name + ") did not answer within " + START_TIMEOUT + "; log " + log);
  }

  /** CPU time the POS process has used so far, in nanoseconds; -1 when the platform does not say. */
  public long cpuNanos() {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
  }

  /** Whether the log shows the isolation-off banner: the benchmark checks each instance is what it claims. */
  public boolean logShowsIsolationOff() throws IOException {
    return Files.readString(log).contains(IsolationOffPostProcessor.BANNER);
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(log unreadable)";
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: Spring closes its pools
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(log);
      Files.deleteIfExists(mailbox);
      if (extraClassPath != null) {
        try (var files = Files.walk(extraClassPath)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    } catch (IOException e) {
      // best effort
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
