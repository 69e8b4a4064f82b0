package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tenantry.examples.pos.api.StatementRecorder.Execution;
import io.tenantry.examples.pos.api.StatementRecorder.Use;
import io.tenantry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * What one register request costs the server (issue 20, benchmarks/README.md finding 11): a sale pushed with
 * {@code X-Register-Key}, as {@code register push} sends 10,000 of them. Counted at the JDBC layer of the application
 * DataSource — statements, connection checkouts and transactions, each by the binding that made it (system work takes
 * the system login's pool) — for a key's first request and for its later ones. With the server on this machine it also
 * prints the PostgreSQL backends' CPU time per request ({@code /proc/<pid>/schedstat}), by login.
 *
 * <p>The register's key is resolved from its hash in the key directory (system work) once; its later requests read
 * only the key row, as the company: no system work, two transactions (the key row, the sale), and the company's
 * status ({@code CompanyStatus}) once per 10 s, not per request.
 */
class RegisterRequestCostTest extends ApiTestBase {

  static final StatementRecorder RECORDER = new StatementRecorder();
  static final int REQUESTS = 200;

  RegisterRequestCostTest(TestDatabase db) {
    super(db);
  }

  @TestConfiguration
  static class Recording {
    @Bean
    static BeanPostProcessor recordRegisterRequests() {
      return RECORDER.wrappingTheDataSourceBean();
    }
  }

  record Cost(double statements, double systemStatements, double keyRowReads, double checkouts,
      double systemCheckouts, double commits, double systemCommits) {

    static Cost of(List<Execution> executions, List<Use> uses, int requests) {
      Predicate<String> system = reason -> reason != null;
      return new Cost(executions.size() / (double) requests,
          executions.stream().filter(e -> system.test(e.systemReason())).count() / (double) requests,
          executions.stream().filter(e -> e.systemReason() == null && e.sql().contains("from tenantry_register_key "))
              .count() / (double) requests,
          count(uses, "checkout", false) / (double) requests, count(uses, "checkout", true) / (double) requests,
          count(uses, "commit", false) / (double) requests, count(uses, "commit", true) / (double) requests);
    }

    private static long count(List<Use> uses, String what, boolean systemOnly) {
      return uses.stream().filter(u -> u.what().equals(what) && (!systemOnly || u.systemReason() != null)).count();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "statements %.2f (system %.2f, key row %.2f), checkouts %.2f (system %.2f),"
          + " commits %.2f (system %.2f)", statements, systemStatements, keyRowReads, checkouts, systemCheckouts,
          commits, systemCommits);
    }
  }

  @Test
  void aRegistersLaterRequestsDoNoSystemWork_oneTransactionForItsKey() throws Exception {
    World w = World.create(this);

    RECORDER.start();
    assertThat(post("/api/sales", w.keyA2, World.sale("first", w.milkA, 1)).getStatus()).isEqualTo(201);
    Cost first = Cost.of(RECORDER.stop(), RECORDER.uses(), 1);
    System.out.println("register request cost, a key's first request: " + first);

    for (int i = 0; i < 50; i++) { // warm-up, and the key's last-seen time is recorded
      assertThat(post("/api/sales", w.keyA1, World.sale("warm-" + i, w.milkA, 1)).getStatus()).isEqualTo(201);
    }
    Map<Integer, long[]> cpuBefore = backendCpu();
    RECORDER.start();
    for (int i = 0; i < REQUESTS; i++) {
      assertThat(post("/api/sales", w.keyA1, World.sale("push-" + i, w.milkA, 1 + i % 3)).getStatus())
          .isEqualTo(201);
    }
    List<Execution> executions = RECORDER.stop();
    Cost later = Cost.of(executions, RECORDER.uses(), REQUESTS);
    Map<Integer, long[]> cpuAfter = backendCpu();
    System.out.println("register request cost, later requests (" + REQUESTS + "): " + later);
    System.out.println("register request cost, PostgreSQL backends' CPU per request: " + cpuPerRequest(cpuBefore,
        cpuAfter));

    // the first request finds the key in the directory (system work, its own transaction), then reads the key row
    assertThat(first.systemStatements()).isEqualTo(1);
    assertThat(first.systemCommits()).isEqualTo(1);
    assertThat(first.keyRowReads()).isEqualTo(1);
    // later requests: no system work; the key row read as the company, in one transaction; the sale in another
    assertThat(later.systemStatements()).isZero();
    assertThat(later.systemCheckouts()).isZero();
    assertThat(later.keyRowReads()).isEqualTo(1);
    // (plus the company's status, read once per CompanyStatus.CACHE_TIME: a transaction every 10 s, not per request)
    assertThat(later.checkouts()).isCloseTo(2, within(0.05));
    assertThat(later.commits()).isCloseTo(2, within(0.05));
  }

  /** CPU nanoseconds of each backend of this database, by pid: {usesysid-hash of the login, cpu}. */
  private static Map<Integer, long[]> backendCpu() throws Exception {
    Map<Integer, long[]> cpu = new HashMap<>();
    try (var c = db.adminDataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(
        "select pid, usename from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")) {
      while (rs.next()) {
        Path schedstat = Path.of("/proc", Integer.toString(rs.getInt(1)), "schedstat");
        if (Files.isReadable(schedstat)) {
          long nanos = Long.parseLong(Files.readString(schedstat).trim().split("\\s+")[0]);
          cpu.put(rs.getInt(1), new long[] {rs.getString(2).equals(system.name()) ? 1 : 0, nanos});
        }
      }
    }
    return cpu;
  }

  private static String cpuPerRequest(Map<Integer, long[]> before, Map<Integer, long[]> after) {
    if (after.isEmpty()) {
      return "not measured (the server's backends are not visible in /proc here)";
    }
    long[] byLogin = new long[2];
    after.forEach((pid, a) -> byLogin[(int) a[0]] += a[1] - (before.containsKey(pid) ? before.get(pid)[1] : 0));
    return String.format(Locale.ROOT, "%.1f µs (app login %.1f, system login %.1f)",
        (byLogin[0] + byLogin[1]) / 1e3 / REQUESTS, byLogin[0] / 1e3 / REQUESTS, byLogin[1] / 1e3 / REQUESTS);
  }
}
