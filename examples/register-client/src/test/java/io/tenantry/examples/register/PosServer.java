package io.tenantry.examples.register;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real reference POS, started once per test JVM as its own process from the jar examples/pos
 * builds ({@code tenantry-pos.jar}, a Spring Boot fat jar that examples/pos does not install): on
 * embedded PostgreSQL in a temporary data directory, on a free port, without demo data. The
 * register client reaches it over HTTP only, as in production; a separate process also keeps the
 * server's classpath (Spring, Hibernate, PostgreSQL) out of the client's tests.
 */
final class PosServer {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static PosServer instance;

  final int port;
  final String url;
  /** The embedded PostgreSQL's port; its superuser {@code postgres} (no password) owns the POS's tables. */
  final int databasePort;
  private final Path jar;
  private Process process;
  private final Path dataDirectory;
  private final Path log;
  /** Where the POS writes the links it mails ({@code pos.outbox.file}): the test owners' mailbox. */
  final Path mailbox;

  private PosServer(Path jar, int port, int databasePort, Path dataDirectory, Path log) {
    this.jar = jar;
    this.port = port;
    this.databasePort = databasePort;
    this.url = "http://127.0.0.1:" + port;
    this.dataDirectory = dataDirectory;
    this.log = log;
    this.mailbox = dataDirectory.resolve("outbox.txt");
  }

  /** The running server (started on first use, stopped when the test JVM exits). */
  static synchronized PosServer get() {
    if (instance == null) {
      instance = start();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "stop-pos"));
    }
    return instance;
  }

  private static PosServer start() {
    Path jar = Path.of(System.getProperty("tenantry.pos.jar", "../pos/target/tenantry-pos.jar"));
    if (!Files.isRegularFile(jar)) {
      fail("The register client's tests start the reference POS from " + jar.toAbsolutePath() + ", which is missing."
          + " Build it first: mvn -B -q -pl core,test-support,hibernate-integration,spring-starter,examples/pos"
          + " install -DskipTests");
    }
    try {
      PosServer server = new PosServer(jar, freePort(), freePort(), Files.createTempDirectory("register-client-pos-"),
          Files.createTempFile("register-client-pos-", ".log"));
      server.launch();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the POS: " + e.getMessage(), e);
    }
  }

  /** Starts the process on this server's port and data directory, and waits until it answers. */
  private void launch() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of(javaExecutable(), "-XX:TieredStopAtLevel=1", "-Xss512k",
        "-Xmx768m", "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
        "--pos.database.embedded-data-directory=" + dataDirectory.resolve("pg"),
        "--pos.database.embedded-port=" + databasePort, "--pos.demo.enabled=false",
        "--pos.outbox.file=" + mailbox))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("LC_ALL", "C.UTF-8"); // embedded PostgreSQL refuses some locales
    // hermetic: no database or server settings from the environment reach the POS
    builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("SERVER_"));
    process = builder.start();
    awaitStarted();
  }

  /**
   * Stops the server process (SIGTERM: Spring closes and stops its embedded PostgreSQL), keeping its
   * data; {@link #restart()} brings it back on the same port with the same data. Nothing answers on
   * the port in between.
   */
  synchronized void shutDown() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        fail("The POS did not stop within 60 s of SIGTERM; its log:\n" + tail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts the server again after {@link #shutDown()}, on the same port and data. */
  synchronized void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("The POS is running; shut it down first.");
    }
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot restart the POS: " + e.getMessage(), e);
    }
  }

  /**
   * A connection to the POS's database as its superuser, for what an operator or a fault does behind the
   * application's back (terminating its backends).
   */
  java.sql.Connection superuser() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres",
        "");
  }

  /** The server's log so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void awaitStarted() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("The POS exited with " + process.exitValue() + " while starting; its log:\n" + tail());
      }
      try {
        // any answer (401 without a key) means the server is up
        http.send(HttpRequest.newBuilder(URI.create(url + "/api/stores")).build(), HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    stop();
    fail("The POS did not answer within " + START_TIMEOUT + "; its log:\n" + tail());
  }

  private void stop() {
    process.destroy(); // SIGTERM: Spring closes, and stops its embedded PostgreSQL
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      try (Stream<Path> files = Files.walk(dataDirectory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(log);
    } catch (IOException | InterruptedException e) {
      // best effort at JVM exit
    }
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
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
