package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.clusters.CompanyMove;
import io.tenantry.clusters.Manifest;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 24's move test through the POS: 8 registers sell over the HTTP API (the register client's protocol: a sale
 * with a register-made {@code clientSaleId}, kept in an offline queue until the server answers 200 or 201, sent
 * again on a 5xx, 408, 429 or no answer, given up on another 4xx) while their company moves from the home cluster to
 * the second one. Afterwards every sale is on the target exactly once, none is left at the source, and two neighbour
 * companies, one on each cluster, are unchanged.
 */
class MoveWhileSellingThroughPosTest extends TwoClustersPos {

  static final int REGISTERS = 8;

  MoveWhileSellingThroughPosTest(TestDatabase db, SecondDatabase second) {
    super(db, second);
  }

  @Test
  void everySaleLandsOnTheTargetExactlyOnceWhileTheCompanyMoves() throws Exception {
    UUID moving = signup("Moving", "owner@moving.example"); // the placement rule: home, then two, then home
    UUID neighbourTwo = signup("Neighbour Two", "owner@n2.example");
    UUID neighbourHome = signup("Neighbour Home", "owner@n1.example");
    assertThat(router().clusterOf(moving)).isEqualTo(HOME);
    assertThat(router().clusterOf(neighbourTwo)).isEqualTo(TWO);
    assertThat(router().clusterOf(neighbourHome)).isEqualTo(HOME);
    String owner = login("owner@moving.example");
    UUID store = store(owner, "Main");
    UUID milk = product(owner, "MILK", "1.25");
    List<String> keys = new ArrayList<>();
    for (int r = 0; r < REGISTERS; r++) {
      keys.add(registerKey(owner, store, "R" + r));
    }
    for (UUID neighbour : List.of(neighbourTwo, neighbourHome)) { // a sale each, so that they have rows to keep
      String token = login(neighbour.equals(neighbourTwo) ? "owner@n2.example" : "owner@n1.example");
      UUID s = store(token, "N");
      expect(post("/api/sales", registerKey(token, s, "N1"), sale("n-1", product(token, "N", "3.00"), 1)), 201);
    }
    // slow sales at the source, so that some are always in flight (inserted, not yet committed) when the move
    // begins: without the move's drain, their rows would miss the export (this test then fails)
    db.execute("create function test_slow_sale() returns trigger language plpgsql as"
        + " $$ begin perform pg_sleep(0.02); return null; end $$;"
        + " create trigger test_slow_sale after insert on pos_sale for each row execute function test_slow_sale()");
    Manifest twoBefore = router().data(TWO).manifest(neighbourTwo);
    Manifest homeBefore = router().data(HOME).manifest(neighbourHome);

    Set<String> made = ConcurrentHashMap.newKeySet();
    AtomicInteger recorded = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService registers = Executors.newFixedThreadPool(REGISTERS);
    List<Future<?>> running = new ArrayList<>();
    for (int r = 0; r < REGISTERS; r++) {
      String key = keys.get(r);
      String prefix = "r" + r + "-";
      running.add(registers.submit(() -> {
        ArrayDeque<String> offlineQueue = new ArrayDeque<>();
        int next = 0;
        while (!stop.get() || !offlineQueue.isEmpty()) {
          if (!stop.get() && offlineQueue.size() < 3) {
            String clientSaleId = prefix + next++;
            made.add(clientSaleId);
            offlineQueue.add(clientSaleId);
          }
          HttpResponse<String> answer;
          try {
            answer = post("/api/sales", key, sale(offlineQueue.peek(), milk, 1));
          } catch (IllegalStateException noAnswer) { // kept queued, sent again
            pause();
            continue;
          }
          int status = answer.statusCode();
          if (status == 200 || status == 201) {
            offlineQueue.poll();
            recorded.incrementAndGet();
          } else if (status >= 500 || status == 408 || status == 429) {
            refused.incrementAndGet();
            if (status != 503 || answer.headers().firstValue("Retry-After").isEmpty()
                || !answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
              problems.add("HTTP " + status + " " + answer.headers().map() + ": " + answer.body());
            }
            pause();
          } else {
            problems.add("sale " + offlineQueue.poll() + " rejected, HTTP " + status + ": " + answer.body());
          }
        }
        return null;
      }));
    }
    awaitRecorded(recorded, 100);
    CompanyMove.Result result = clusters().move(moving, TWO);
    int afterMove = recorded.get();
    awaitRecorded(recorded, afterMove + 100);
    stop.set(true);
    for (Future<?> f : running) {
      f.get(120, TimeUnit.SECONDS);
    }
    registers.shutdown();

    assertThat(problems).as("answers other than a sale recorded or a 503 problem with Retry-After").isEmpty();
    assertThat(result.sourceKept()).isNull();
    assertThat(router().clusterOf(moving)).isEqualTo(TWO);
    assertThat(refused.get()).as("sales answered 503 while the company moved").isPositive();
    assertThat(made).hasSizeGreaterThan(200);
    List<String> onTarget = clientSaleIds(two.adminDataSource(), moving);
    assertThat(onTarget).as("sales on the target, each once").hasSize(made.size()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(onTarget)).isEqualTo(made);
    assertThat(clientSaleIds(db.adminDataSource(), moving)).as("sales left at the source").isEmpty();
    assertThat(admin("select count(*) from tenantry_company where id = '" + moving + "'")).isZero();
    assertThat(admin("select count(*) from tenantry_membership where company_id = '" + moving + "'")).isZero();
    assertThat(router().data(TWO).manifest(neighbourTwo)).isEqualTo(twoBefore);
    assertThat(router().data(HOME).manifest(neighbourHome)).isEqualTo(homeBefore);
    // the moved company works on its new cluster: its owner signs in, its registers' keys still authenticate
    assertThat(read(expect(get("/api/me", login("owner@moving.example")), 200), "$.companyId").toString())
        .isEqualTo(moving.toString());
    expect(get("/api/sync/catalog", keys.get(0)), 200);
  }

  private static void awaitRecorded(AtomicInteger recorded, int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (recorded.get() < atLeast) {
      assertThat(System.nanoTime()).as("%d sales recorded within 120 s", atLeast).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<String> clientSaleIds(DataSource admin, UUID company) throws java.sql.SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection c = admin.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select client_sale_id from pos_sale where company_id = '" + company + "'")) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }
}
