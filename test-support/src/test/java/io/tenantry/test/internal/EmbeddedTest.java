package io.tenantry.test.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Embedded PostgreSQL must start whatever LANG and LC_* say (initdb rejects a locale the machine lacks). The
 * environment of this JVM cannot be changed, so a child JVM starts it under a locale that exists nowhere.
 */
class EmbeddedTest {

  @Test
  void start_underAnUnknownLocale_stillStarts() throws Exception {
    ProcessBuilder child = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        EmbeddedTest.class.getName()))
        .redirectErrorStream(true);
    Map<String, String> environment = child.environment();
    environment.put("LANG", "xx_XX.UTF-8");
    environment.put("LC_ALL", "xx_XX.UTF-8");
    environment.remove("TENANTRY_TEST_JDBC_URL");

    Process process = child.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(output).contains("lc_collate=C");
    assertThat(process.exitValue()).as(output).isZero();
  }

  /** The child: start, query, stop. */
  public static void main(String[] args) throws IOException, java.sql.SQLException {
    PostgresServer server = Embedded.start();
    try (Connection connection = server.connectMaintenance(); Statement statement = connection.createStatement();
        // pg_database, not current_setting('lc_collate'): PostgreSQL 16 removed that setting
        ResultSet row = statement.executeQuery(
            "SELECT datcollate FROM pg_database WHERE datname = current_database()")) {
      row.next();
      System.out.println("lc_collate=" + row.getString(1));
    } finally {
      server.stop();
    }
  }
}
