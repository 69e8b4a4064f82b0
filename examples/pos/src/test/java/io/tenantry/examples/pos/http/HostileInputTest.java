package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, items 1 and 3, over HTTP against the running application: input that is short to send but
 * costly to hold (a decimal with a billion-digit exponent), and values the database cannot store (a NUL
 * character, a date outside PostgreSQL's range, a sale total wider than its column). Each answers a small
 * 400 problem+json, nothing is written, and the server goes on serving.
 */
class HostileInputTest extends RunningPos {

  /** A problem answer is a few hundred bytes; the unbounded one was a gigabyte. */
  static final int SMALL = 1_000;

  String owner;
  UUID store;
  UUID milk;
  String key;

  HostileInputTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void company() {
    signup("Poco Loco", "owner@hostile.example");
    owner = login("owner@hostile.example");
    store = store(owner, "Main St");
    milk = product(owner, "MILK", "3.99");
    key = registerKey(owner, store, "R1");
  }

  /**
   * Bytes allocated by every thread of this JVM so far. Called through the exported interface by reflection: the
   * method is in every JDK this project runs on, but compiling for release 17 with a newer JDK does not see it.
   */
  static long totalAllocatedBytes() throws ReflectiveOperationException {
    return (long) com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes")
        .invoke(ManagementFactory.getThreadMXBean());
  }

  @Test
  void hugeExponents_inEveryAmount_answerASmall400_withoutAllocatingTheNumber() throws Exception {
    long products = admin("select count(*) from pos_product");
    long prices = admin("select count(*) from pos_store_price");
    // the payloads, as JSON numbers and as strings, in every amount of the API
    List<Runnable> attacks = new ArrayList<>();
    for (String amount : List.of("1e-999999999", "\"1e-999999999\"", "-1e-20000000", "1e999999999",
        "\"1E+999999999\"", "0." + "0".repeat(30) + "1", "1" + "0".repeat(35))) {
      attacks.add(() -> refused(post("/api/products", owner,
          "{\"sku\":\"X\",\"name\":\"X\",\"basePrice\":" + amount + "}"), "basePrice"));
      attacks.add(() -> refused(put("/api/products/" + milk, owner, "{\"name\":\"Milk\",\"basePrice\":" + amount + "}"),
          "basePrice"));
      attacks.add(() -> refused(put("/api/stores/" + store + "/prices/" + milk, owner, "{\"price\":" + amount + "}"),
          "price"));
      attacks.add(() -> refused(put("/api/settings", owner, "{\"taxRate\":" + amount + "}"), "taxRate"));
    }

    long allocatedBefore = totalAllocatedBytes();
    ExecutorService parallel = Executors.newFixedThreadPool(4); // four at once ran the JVM out of memory
    List<Future<?>> running = new ArrayList<>();
    attacks.forEach(a -> running.add(parallel.submit(a)));
    for (Future<?> f : running) {
      f.get(2, TimeUnit.MINUTES);
    }
    parallel.shutdown();
    long allocated = totalAllocatedBytes() - allocatedBefore;

    // one 1e-999999999 written out in full is a billion characters: 28 requests together stay far below one
    assertThat(allocated).as("bytes allocated by this JVM (server and client) for %d requests", attacks.size())
        .isLessThan(300L * 1024 * 1024);
    assertThat(admin("select count(*) from pos_product")).isEqualTo(products);
    assertThat(admin("select count(*) from pos_store_price")).isEqualTo(prices);
    assertThat(read(expect(get("/api/products/" + milk, owner), 200), "$.basePrice").toString()).isEqualTo("3.99");
  }

  @Test
  void aNumberOfThousandsOfDigits_isRefusedByTheParser_inASmallAnswer() {
    HttpResponse<String> r = post("/api/products", owner,
        "{\"sku\":\"X\",\"name\":\"X\",\"basePrice\":" + "9".repeat(5_000) + "}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body().length()).isLessThan(SMALL);
    assertThat(r.body()).doesNotContain("9".repeat(50));
  }

  @Test
  void aNulCharacter_inStringFields_isA400_notA500() {
    long customers = admin("select count(*) from pos_customer");
    refused(post("/api/customers", owner, "{\"name\":\"Ro\\u0000sa\",\"phone\":\"1\"}"), "name");
    refused(post("/api/customers", owner, "{\"name\":\"Rosa\",\"phone\":\"1\\u00002\"}"), "phone");
    refused(post("/api/stores", owner, "{\"name\":\"Oak\\u0000Ave\",\"timezone\":\"America/Chicago\"}"), "name");
    refused(post("/api/products", owner, "{\"sku\":\"A\\u0000\",\"name\":\"A\",\"basePrice\":\"1.00\"}"), "sku");
    refused(post("/api/sales", key, "{\"clientSaleId\":\"s\\u00001\",\"lines\":[{\"productId\":\"" + milk
        + "\",\"quantity\":1}]}"), "clientSaleId");
    refused(get("/api/customers?q=" + URLEncoder.encode("Ro\u0000", StandardCharsets.UTF_8), owner), "q");
    refused(post("/api/signup", null, "{\"companyName\":\"Evil\\u0000Corp\",\"email\":\"evil@hostile.example\"}"), "companyName");
    // a login is answered like any wrong login, without a 500
    HttpResponse<String> login = post("/api/auth/login", null,
        "{\"email\":\"owner@hostile.example\\u0000\",\"password\":\"secret-123\"}");
    assertThat(login.statusCode()).as(login.body()).isBetween(400, 401);
    problemJson(login);
    assertThat(admin("select count(*) from pos_customer")).isEqualTo(customers);
  }

  @Test
  void reportDates_outsidePostgresqlsRange_areA400() {
    for (String range : List.of("from=-4713-01-01&to=2025-01-01", "from=2025-01-01&to=%2B5874898-01-01",
        "from=-999999999-01-01&to=-999999999-01-02")) {
      refused(get("/api/reports/sales?" + range, owner), "'to'");
    }
    assertThat(expect(get("/api/reports/sales?from=2025-01-01&to=2025-01-31", owner), 200).body()).contains("\"count\"");
  }

  @Test
  void aSaleWhoseTotalOverflowsTheAmountColumn_isA400_andNothingIsWritten() {
    UUID gold = product(owner, "GOLD", "99999999.99");
    long sales = admin("select count(*) from pos_sale");
    HttpResponse<String> r = post("/api/sales", key, "{\"clientSaleId\":\"overflow-1\",\"lines\":[{\"productId\":\""
        + gold + "\",\"quantity\":10000},{\"productId\":\"" + gold + "\",\"quantity\":10000}]}");
    refused(r, "total");
    assertThat(admin("select count(*) from pos_sale")).isEqualTo(sales);
    // the largest sale that fits is recorded
    expect(post("/api/sales", key, "{\"clientSaleId\":\"fits-1\",\"lines\":[{\"productId\":\"" + gold
        + "\",\"quantity\":9000}]}"), 201);
    // the same clientSaleId sent again is still refused the same way, never half-stored
    refused(post("/api/sales", key, "{\"clientSaleId\":\"overflow-1\",\"lines\":[{\"productId\":\"" + gold
        + "\",\"quantity\":10000},{\"productId\":\"" + gold + "\",\"quantity\":10000}]}"), "total");
  }

  /** A small 400 problem+json that names the field (or rule) and repeats no input. */
  static void refused(HttpResponse<String> r, String mentions) {
    assertThat(r.statusCode()).as(r.request().uri() + ": " + r.body()).isEqualTo(400);
    problemJson(r);
    assertThat(r.body().length()).as(r.body()).isLessThan(SMALL);
    assertThat(r.body()).contains(mentions).doesNotContainPattern("[0-9]{20}");
  }

  static void problemJson(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type").orElse("")).as(r.body()).startsWith("application/problem+json");
  }
}
