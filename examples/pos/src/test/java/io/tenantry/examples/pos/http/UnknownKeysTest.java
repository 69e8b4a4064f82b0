package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.test.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 22, item 5, over HTTP: a flood of made-up register keys. Each unknown key used to cost a lookup on
 * the system login's pool of three and an INFO line. Now a key refused once is refused from memory, and an
 * address sending many new unknown keys gets 429 after a few, while the real registers (same address here)
 * go on selling; the flood leaves a bounded number of lookups and log lines, not one per key.
 */
class UnknownKeysTest extends RunningPos {

  String key;
  UUID milk;
  ListAppender<ILoggingEvent> log;

  UnknownKeysTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void company() {
    signup("Poco Loco", "owner@keys.example");
    String owner = login("owner@keys.example");
    UUID store = store(owner, "Main St");
    milk = product(owner, "MILK", "3.99");
    key = registerKey(owner, store, "R1");
    expect(get("/api/sync/catalog", key), 200); // the real register has been seen before the flood
  }

  @BeforeEach
  void listen() {
    log = new ListAppender<>();
    log.start();
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
  }

  @Test
  void aThousandUnknownKeys_costABoundedNumberOfLookupsAndLogLines_andTheRealRegisterKeepsSelling() throws Exception {
    ExecutorService flood = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      String made = "trk_" + UUID.randomUUID().toString().replace("-", "") + i;
      answers.add(flood.submit(() -> get("/api/products", made).statusCode()));
    }
    int sold = 0;
    for (int i = 0; i < 20; i++) {
      expect(post("/api/sales", key, sale("during-flood-" + i, milk, 1)), 201);
      sold++;
    }
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (Future<Integer> f : answers) {
      statuses.merge(f.get(2, TimeUnit.MINUTES), 1, Integer::sum);
    }
    flood.shutdown();

    assertThat(statuses.keySet()).as("statuses of the flood: %s", statuses).containsOnly(401, 429);
    // 20 per 10 s window from one address: a slow machine may open a few windows while the flood lasts
    assertThat(statuses.get(401)).as("unknown keys looked up before the address was limited: %s", statuses)
        .isLessThanOrEqualTo(100);
    assertThat(sold).isEqualTo(20);
    assertThat(admin("select count(*) from pos_sale where client_sale_id like 'during-flood-%'")).isEqualTo(20);
    long lookups = log.list.stream().filter(e -> e.getLoggerName().equals("io.tenantry.system-access")
        && e.getFormattedMessage().contains("register key lookup")).count();
    long info = log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).count();
    assertThat(lookups).as("system-access lookups for 1,000 unknown keys").isLessThanOrEqualTo(100);
    assertThat(info).as("log lines at INFO and above for 1,000 unknown keys and 20 sales").isLessThan(250);
  }

  @Test
  void theSameUnknownKey_isLookedUpOnce_andRefusedFromMemory_withTheSameAnswer() {
    String made = "trk_" + "C".repeat(43);
    HttpResponse<String> first = get("/api/products", made);
    long lookupsAfterFirst = lookups();
    List<HttpResponse<String>> again = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      again.add(get("/api/products", made));
    }
    assertThat(first.statusCode()).isEqualTo(401);
    assertThat(again).allSatisfy(r -> {
      assertThat(r.statusCode()).isIn(401, 429);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
    });
    assertThat(again.get(0).body()).isEqualTo(first.body());
    assertThat(again.get(0).headers().firstValue("WWW-Authenticate"))
        .isEqualTo(first.headers().firstValue("WWW-Authenticate"));
    assertThat(lookups()).as("no lookup after the first").isEqualTo(lookupsAfterFirst);
    expect(get("/api/sync/catalog", key), 200);
  }

  private long lookups() {
    return log.list.stream().filter(e -> e.getLoggerName().equals("io.tenantry.system-access")
        && e.getFormattedMessage().contains("register key lookup")).count();
  }
}
