package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * THREATS 26: the database drops every connection of the application (as a restart or a network cut
 * does) while registers of two companies are selling. Requests in flight fail cleanly with a 5xx —
 * never a 4xx, which a register would take as "this sale is bad" and stop sending it — the pools
 * recover on their own, and once the registers have retried (the same {@code clientSaleId}, THREATS
 * 27) every sale is in the database exactly once, in its own company, store and register, complete
 * with its lines.
 */
class DatabaseFaultsTest extends ApiTestBase {

  private static final int REGISTERS_PER_COMPANY = 3;
  private static final int SALES_PER_REGISTER = 40;
  private static final int KILLS = 5;

  World w;

  DatabaseFaultsTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  @Test
  void connectionsDroppedUnderLoad_failCleanly_recover_andEverySaleLandsOnce() throws Exception {
    AtomicInteger landed = new AtomicInteger();
    Map<Integer, AtomicInteger> failures = new ConcurrentHashMap<>();
    List<String> badAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
    ExecutorService registers = Executors.newFixedThreadPool(2 * REGISTERS_PER_COMPANY);
    List<Future<?>> running = new ArrayList<>();
    for (int r = 0; r < 2 * REGISTERS_PER_COMPANY; r++) {
      boolean companyA = r % 2 == 0;
      String key = companyA ? w.keyA1 : w.keyB1;
      UUID product = companyA ? w.milkA : w.milkB;
      String prefix = (companyA ? "a" : "b") + r + "-";
      running.add(registers.submit(() -> {
        for (int i = 0; i < SALES_PER_REGISTER; i++) {
          sendUntilAccepted(key, World.sale(prefix + i, product, 1), failures, badAnswers);
          landed.incrementAndGet();
        }
        return null;
      }));
    }

    int total = 2 * REGISTERS_PER_COMPANY * SALES_PER_REGISTER;
    awaitAtLeast(landed, total / 5);
    int killed = 0;
    for (int k = 0; k < KILLS; k++) {
      killed += dropApplicationConnections();
      Thread.sleep(150);
    }
    for (Future<?> r : running) {
      r.get(3, TimeUnit.MINUTES);
    }
    registers.shutdown();

    assertThat(killed).as("backends of the app and system roles terminated").isPositive();
    assertThat(badAnswers).as("answers that were neither success nor a clean 5xx problem").isEmpty();
    assertThat(failures.keySet()).as("statuses of the failed attempts").containsOnly(503);
    assertThat(failures.values().stream().mapToInt(AtomicInteger::get).sum())
        .as("requests that the dropped connections failed (else the fault hit nothing)").isPositive();

    // exactly once, each in its own tenant, complete
    assertThat(admin("select count(*), count(distinct client_sale_id) from pos_sale"))
        .containsExactly((long) total, (long) total);
    assertThat(admin("select count(*) from pos_sale where company_id = '" + w.companyA + "' and store_id = '"
        + w.storeA1 + "' and register_id = '" + w.registerA1 + "' and client_sale_id like 'a%'"))
        .containsExactly((long) total / 2);
    assertThat(admin("select count(*) from pos_sale where company_id = '" + w.companyB + "' and store_id = '"
        + w.storeB1 + "' and register_id = '" + w.registerB1 + "' and client_sale_id like 'b%'"))
        .containsExactly((long) total / 2);
    assertThat(admin("select count(*) from pos_sale s where not exists (select 1 from pos_sale_line l"
        + " where l.sale_id = s.id and l.company_id = s.company_id)")).containsExactly(0L);

    // and the application works normally afterwards, for each tenant alone
    MockHttpServletResponse after = post("/api/sales", w.keyA1, World.sale("after", w.milkA, 2));
    assertThat(after.getStatus()).isEqualTo(201);
    assertThat(get("/api/sales/" + read(after, "$.id"), w.keyB1).getStatus()).isEqualTo(404);
  }

  /** Posts a sale until the server accepts it (201 new, 200 already recorded), as a register does. */
  private void sendUntilAccepted(String key, String sale, Map<Integer, AtomicInteger> failures, List<String> bad)
      throws Exception {
    for (int attempt = 1; attempt <= 100; attempt++) {
      MockHttpServletResponse r = post("/api/sales", key, sale);
      if (r.getStatus() == 201 || r.getStatus() == 200) {
        return;
      }
      failures.computeIfAbsent(r.getStatus(), s -> new AtomicInteger()).incrementAndGet();
      if (r.getStatus() < 500 || !String.valueOf(r.getContentType()).contains("problem+json")) {
        bad.add(r.getStatus() + " " + r.getContentType() + " " + r.getContentAsString());
        return;
      }
      Thread.sleep(20L * attempt);
    }
    bad.add("gave up after 100 attempts: " + sale);
  }

  private static void awaitAtLeast(AtomicInteger counter, int value) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (counter.get() < value) {
      assertThat(System.nanoTime()).as("sales landing before the fault").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** Terminates every backend of the application's logins, as a database restart does. */
  private static int dropApplicationConnections() throws Exception {
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity"
            + " where usename in ('" + app.name() + "', '" + system.name() + "')")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static List<Long> admin(String sql) throws Exception {
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<Long> row = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        row.add(rs.getLong(i));
      }
      return row;
    }
  }
}
