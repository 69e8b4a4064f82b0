package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 7: a lookup whose transaction failed in the database must not answer 404. Hibernate's
 * {@code find} in a transaction marked rollback-only logs HHH90010102 and returns null, which the code
 * would answer "no customer with this id" — a 404 that a register takes as "this sale is bad" and parks
 * for good. Here the table a lookup reads is locked by the test (as the admin) while a request runs, and
 * the app's backend waiting for the lock is cancelled ({@code pg_cancel_backend}: the transaction fails,
 * its rollback succeeds) or terminated ({@code pg_terminate_backend}: the connection is gone). Each time
 * the answer is a 503 with Retry-After, and the same sale sent again afterwards is recorded once.
 */
class FailedTransactionTest extends RunningPos {

  String owner;
  UUID store;
  UUID milk;
  UUID customer;
  String key;

  FailedTransactionTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void company() {
    signup("Poco Loco", "owner@faults.example");
    owner = login("owner@faults.example");
    store = store(owner, "Main St");
    milk = product(owner, "MILK", "3.99");
    key = registerKey(owner, store, "R1");
    customer = UUID.fromString(read(expect(post("/api/customers", owner, "{\"name\":\"Rosa\",\"phone\":\"1\"}"), 201),
        "$.id"));
  }

  @Test
  void saleToACustomer_whoseLookupIsCancelled_is503_neverA404_andLandsOnceWhenSentAgain() throws Exception {
    for (String fault : new String[] {"pg_terminate_backend", "pg_cancel_backend"}) {
      String sale = "{\"clientSaleId\":\"" + fault + "\",\"customerId\":\"" + customer + "\",\"lines\":[{\"productId\":\""
          + milk + "\",\"quantity\":2}]}";
      HttpResponse<String> failed = whileLocked("pos_customer", fault, () -> post("/api/sales", key, sale));
      assertThat(failed.statusCode()).as(fault + ": " + failed.body()).isEqualTo(503);
      assertThat(failed.headers().firstValue("Retry-After")).isPresent();
      assertThat(failed.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
      assertThat(admin("select count(*) from pos_sale where client_sale_id = '" + fault + "'")).isZero();

      expect(post("/api/sales", key, sale), 201);
      expect(post("/api/sales", key, sale), 200);
      assertThat(admin("select count(*) from pos_sale where client_sale_id = '" + fault + "'")).isEqualTo(1);
    }
  }

  @Test
  void readingASale_whoseLookupIsCancelled_is503_notA404() throws Exception {
    UUID sale = UUID.fromString(read(expect(post("/api/sales", key, sale("read-1", milk, 1)), 201), "$.id"));
    HttpResponse<String> failed = whileLocked("pos_sale", "pg_cancel_backend", () -> get("/api/sales/" + sale, key));
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
    expect(get("/api/sales/" + sale, key), 200);
    // a sale that does not exist is still a plain 404
    expect(get("/api/sales/" + UUID.randomUUID(), key), 404);
  }

  /**
   * Runs {@code request} while the admin holds an exclusive lock on {@code table}; as soon as a backend of
   * the app role waits for that lock, {@code fault} (cancel or terminate) hits it.
   */
  HttpResponse<String> whileLocked(String table, String fault, java.util.function.Supplier<HttpResponse<String>> request)
      throws Exception {
    try (Connection locker = db.adminDataSource().getConnection(); Connection killer = db.adminDataSource().getConnection()) {
      locker.setAutoCommit(false);
      try (Statement s = locker.createStatement()) {
        s.execute("lock table " + table + " in access exclusive mode");
      }
      CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(request);
      int hit = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      try (Statement s = killer.createStatement()) {
        while (hit == 0 && System.nanoTime() < deadline) {
          try (ResultSet rs = s.executeQuery("select count(*) filter (where " + fault + "(pid)) from pg_stat_activity"
              + " where usename = '" + app.name() + "' and wait_event_type = 'Lock' and datname = current_database()")) {
            rs.next();
            hit = rs.getInt(1);
          }
          Thread.sleep(5);
        }
      } finally {
        locker.rollback();
      }
      assertThat(hit).as("app backends that waited for the lock on %s and were hit by %s", table, fault).isPositive();
      return answer.get(60, TimeUnit.SECONDS);
    }
  }
}
