package io.tenantry.benchmarks;

import io.tenantry.benchmarks.app.PosApi;
import io.tenantry.benchmarks.app.PosProcess;
import io.tenantry.benchmarks.app.RegisterCli;
import io.tenantry.benchmarks.app.ServerCpu;
import io.tenantry.benchmarks.db.BenchServer;
import io.tenantry.benchmarks.harness.Samples;
import io.tenantry.benchmarks.harness.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 9 items 4 and 5 and issue 8's push of 10,000 pending sales, through the reference POS's HTTP API
 * ({@code examples/pos}, started as processes from its jar on the run's PostgreSQL server):
 * <ul>
 *   <li>{@code sync}: a register's delta sync of the same 100 changes in a 10,000- and a 100,000-product
 *       catalog (two companies of one database), interleaved, one client; p50 of 100k / 10k, and the
 *       delta queries' plans;</li>
 *   <li>{@code pos}: sales per second with 8 registers (8 client threads, each its own key), the POS with
 *       isolation on and the same jar with the benchmark's own isolation-off configuration on its class path
 *       ({@code app/isolationoff}),
 *       both running on the same database, measured in alternating slices round after round; then
 *       {@code register push} of 10,000 pending sales to the POS with isolation on.</li>
 * </ul>
 */
final class PosRun {

  static final String SYNC_DB = "tenantry_bench_pos_sync";
  static final String SALES_DB = "tenantry_bench_pos_sales";
  static final int CHANGES = 100;
  static final int HISTORY_SALES = 100_000;

  private final RunAll.Options o;
  private final Map<String, Object> out;
  private BenchServer server;

  PosRun(RunAll.Options o, Map<String, Object> out) {
    this.o = o;
    this.out = out;
  }

  void run() throws Exception {
    PosProcess.jar();
    if (o.pos) {
      RegisterCli.jar();
    }
    server = BenchServer.start();
    out.putIfAbsent("database", server.describe());
    if (o.sync) {
      out.put("sync", sync());
    }
    if (o.pos) {
      sales();
    }
  }

  // ---- 4. register delta sync ---------------------------------------------------------------------

  private Map<String, Object> sync() throws Exception {
    System.out.printf("== 4. Register delta sync: %d changes in catalogs of %,d and %,d products%n", CHANGES,
        o.syncCatalogs[0], o.syncCatalogs[1]);
    server.freshPosDatabase(SYNC_DB, PosProcess.APP_ROLE, PosProcess.SYSTEM_ROLE);
    Map<String, Object> result = new LinkedHashMap<>();
    try (PosProcess pos = PosProcess.start(server, SYNC_DB, false, "sync")) {
      PosApi api = pos.api();
      List<Catalog> catalogs = new ArrayList<>();
      for (int size : o.syncCatalogs) {
        catalogs.add(catalog(api, size));
      }
      try (Connection c = server.admin(SYNC_DB); Statement st = c.createStatement()) {
        st.execute("vacuum analyze");
      }
      result.put("changes", CHANGES);
      result.put("changes_are", CHANGES / 2 + " new products (POST /api/products) and " + CHANGES / 2
          + " store prices (PUT /api/stores/{id}/prices/{product}) after the catalog was loaded");
      result.put("plans", syncPlans(catalogs));
      // interleaved: each round syncs one catalog for a slice, then the other (order alternating)
      Samples[] all = {new Samples(), new Samples()};
      List<List<Double>> roundP50 = List.of(new ArrayList<>(), new ArrayList<>());
      long[] count = new long[2];
      double[] seconds = new double[2];
      int total = o.posWarmupRounds + o.posRounds;
      long started = System.nanoTime();
      for (int round = 0; round < total; round++) {
        boolean measured = round >= o.posWarmupRounds;
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < 2; k++) {
          int i = (k + round) % 2;
          Catalog cat = catalogs.get(i);
          Samples slice = new Samples();
          long t0 = System.nanoTime();
          long deadline = t0 + o.posSliceMillis * 1_000_000L;
          long now;
          do {
            long s0 = System.nanoTime();
            PosApi.Answer a = api.call("GET", "/api/sync/catalog?since=" + cat.since, cat.registerKey, null);
            now = System.nanoTime();
            if (a.status() != 200) {
              throw new IllegalStateException("sync answered " + a.status() + ": " + a.text());
            }
            slice.add(now - s0);
          } while (now < deadline);
          if (measured) {
            all[i].addAll(slice);
            roundP50.get(i).add(slice.quantile(0.5));
            count[i] += slice.size();
            seconds[i] += (now - t0) / 1e9;
          }
          line.append(String.format(Locale.ROOT, " %,d: p50 %.2f ms (%d syncs)", cat.size, slice.quantile(0.5) / 1e6,
              slice.size()));
        }
        System.out.printf(Locale.ROOT, "  round %d/%d %s (%.0f s)%s%n", round + 1, total, measured ? "measured" : "warm-up",
            (System.nanoTime() - started) / 1e9, line);
      }
      Map<String, Object> per = new LinkedHashMap<>();
      for (int i = 0; i < 2; i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("products", catalogs.get(i).size);
        m.put("load_seconds", catalogs.get(i).loadSeconds);
        m.put("syncs", count[i]);
        m.put("syncs_per_s", count[i] / seconds[i]);
        m.put("p50_ms", all[i].quantile(0.5) / 1e6);
        m.put("p99_ms", all[i].quantile(0.99) / 1e6);
        m.put("per_round_p50_ms", roundP50.get(i).stream().map(v -> v / 1e6).toList());
        per.put(Integer.toString(catalogs.get(i).size), m);
      }
      result.put("catalogs", per);
      List<Double> ratios = Stats.ratios(roundP50.get(1), roundP50.get(0));
      result.put("p50_ratio", all[1].quantile(0.5) / all[0].quantile(0.5));
      result.put("round_ratio_median", Stats.median(ratios));
      result.put("round_ratio_p25", Stats.quantile(ratios, 0.25));
      result.put("round_ratio_p75", Stats.quantile(ratios, 0.75));
      result.put("client", "1 client thread, java.net.http (HTTP/1.1, kept alive), each sync answered 200 with the "
          + CHANGES + " products");
      System.out.printf(Locale.ROOT, "  sync p50 %,d: %.2f ms, %,d: %.2f ms, ratio %.3f (median of per-round %.3f)%n",
          catalogs.get(0).size, all[0].quantile(0.5) / 1e6, catalogs.get(1).size, all[1].quantile(0.5) / 1e6,
          all[1].quantile(0.5) / all[0].quantile(0.5), Stats.median(ratios));
    }
    return result;
  }

  /** One company's catalog with a register and the 100 changes after cursor {@code since}. */
  private record Catalog(int size, String company, String store, String registerKey, long since, double loadSeconds) {}

  private Catalog catalog(PosApi api, int size) throws Exception {
    String label = String.format(Locale.ROOT, "%,d products", size);
    String token = api.signupAndLogin("Sync " + size, "owner-" + size + "@sync.bench.example");
    String company = api.expect("GET", "/api/me", token, null, 200).get("companyId");
    String store = api.createStore(token, "Store");
    String key = api.createRegister(token, store, "Register 1");
    long t0 = System.nanoTime();
    List<UUID> ids = bulkProducts(UUID.fromString(company), size, label);
    double load = (System.nanoTime() - t0) / 1e9;
    // the 100 changes, through the API: half new products, half store prices spread over the catalog
    for (int i = 0; i < CHANGES / 2; i++) {
      api.createProduct(token, String.format(Locale.ROOT, "NEW%05d", i), "New product " + i, "2.50");
      api.setStorePrice(token, store, ids.get((int) ((long) i * size / (CHANGES / 2))).toString(), "0.99");
    }
    PosApi.Answer a = api.expect("GET", "/api/sync/catalog?since=" + size, key, null, 200);
    int returned = ((List<?>) a.json().get("products")).size();
    if (returned != CHANGES || !a.get("cursor").equals(Long.toString(size + CHANGES))) {
      throw new IllegalStateException("the delta sync of " + label + " returned " + returned + " products and cursor "
          + a.get("cursor") + "; expected " + CHANGES + " and " + (size + CHANGES));
    }
    System.out.printf("  [%s] loaded in %.1f s, %d changes made, delta sync checked%n", label, load, CHANGES);
    return new Catalog(size, company, store, key, size, load);
  }

  /**
   * Products 1..n of a company as the POS itself writes them (time-ordered UUIDv7 ids, change_seq 1..n from
   * the company's catalog clock, which then stands at n), inserted by the owner in batches: the API would take
   * minutes for 100,000.
   */
  private List<UUID> bulkProducts(UUID company, int n, String label) throws Exception {
    List<UUID> ids = new ArrayList<>(n);
    try (Connection c = server.admin(SYNC_DB)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into pos_product (id, company_id, sku, name, base_price,"
          + " change_seq) values (?, ?, ?, ?, ?, ?)")) {
        for (int i = 1; i <= n; i++) {
          UUID id = uuid7();
          ids.add(id);
          ps.setObject(1, id);
          ps.setObject(2, company);
          ps.setString(3, String.format(Locale.ROOT, "P%07d", i));
          ps.setString(4, String.format(Locale.ROOT, "Product %07d", i));
          ps.setBigDecimal(5, java.math.BigDecimal.valueOf(100 + (i * 37L) % 900, 2));
          ps.setLong(6, i);
          ps.addBatch();
          if (i % 1000 == 0 || i == n) {
            ps.executeBatch();
          }
          if (i % 20_000 == 0 || i == n) {
            System.out.printf("  [%s] %,d/%,d products%n", label, i, n);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("update pos_catalog_clock set value = ? where company_id = ?")) {
        ps.setLong(1, n);
        ps.setObject(2, company);
        if (ps.executeUpdate() != 1) {
          throw new IllegalStateException("no catalog clock for company " + company);
        }
      }
      c.commit();
    }
    return ids;
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static long lastMillis;
  private static long counter;

  /** A UUIDv7 (RFC 9562): 48-bit milliseconds, then a counter within the millisecond, then random bits. */
  static synchronized UUID uuid7() {
    long ms = System.currentTimeMillis();
    if (ms <= lastMillis) {
      ms = lastMillis;
      counter++;
    } else {
      lastMillis = ms;
      counter = 0;
    }
    long msb = (ms << 16) | 0x7000L | (counter & 0x0FFFL);
    long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * EXPLAIN (ANALYZE, BUFFERS) of the delta query, the SQL Hibernate sends minus the filter and policy terms
   * (the admin login bypasses row-level security): before (one query, {@code or} across the join) and after
   * (one query per index). Buffers are what grows with the catalog when an index is missing.
   */
  private Map<String, Object> syncPlans(List<Catalog> catalogs) throws Exception {
    String select = "select p.id, p.sku, p.name, p.base_price, p.change_seq, sp.price, sp.change_seq"
        + " from pos_product p left join pos_store_price sp on sp.product_id = p.id and sp.store_id = '%s'"
        + " and sp.company_id = p.company_id where p.company_id = '%s' and %s order by p.name, p.sku";
    Map<String, Object> plans = new LinkedHashMap<>();
    try (Connection c = server.admin(SYNC_DB); Statement st = c.createStatement()) {
      for (Catalog cat : catalogs) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[][] shapes = {
            {"before: p.change_seq > N or sp.change_seq > N", "(p.change_seq > " + cat.since + " or sp.change_seq > "
                + cat.since + ")"},
            {"after, products: p.change_seq > N", "p.change_seq > " + cat.since},
            {"after, store prices: sp.change_seq > N", "sp.change_seq > " + cat.since}};
        for (String[] shape : shapes) {
          StringBuilder plan = new StringBuilder();
          try (ResultSet rs = st.executeQuery("explain (analyze, buffers, costs off) "
              + String.format(Locale.ROOT, select, cat.store, cat.company, shape[1]))) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
          Map<String, Object> p = new LinkedHashMap<>();
          p.put("buffers", buffers(plan.toString()));
          p.put("execution_ms", executionMs(plan.toString()));
          p.put("plan", plan.toString());
          m.put(shape[0], p);
        }
        plans.put(Integer.toString(cat.size), m);
        System.out.printf(Locale.ROOT, "  [%,d products] plans: before %s buffers, after %s + %s buffers%n", cat.size,
            ((Map<?, ?>) m.get(shapes[0][0])).get("buffers"), ((Map<?, ?>) m.get(shapes[1][0])).get("buffers"),
            ((Map<?, ?>) m.get(shapes[2][0])).get("buffers"));
      }
    }
    return plans;
  }

  static Long buffers(String plan) {
    Matcher m = Pattern.compile("Buffers: shared ((?:hit|read)=\\d+(?: (?:hit|read|dirtied|written)=\\d+)*)").matcher(plan);
    if (!m.find()) {
      return null;
    }
    long sum = 0;
    Matcher n = Pattern.compile("(?:hit|read)=(\\d+)").matcher(m.group(1));
    while (n.find()) {
      sum += Long.parseLong(n.group(1));
    }
    return sum;
  }

  static Double executionMs(String plan) {
    Matcher m = Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
    return m.find() ? Double.parseDouble(m.group(1)) : null;
  }

  // ---- 5. sales through the POS, isolation on vs off; the register push -------------------------------

  private void sales() throws Exception {
    System.out.printf("== 5. POS sales: %d registers, isolation on vs off (same jar, same database)%n", o.registers);
    server.freshPosDatabase(SALES_DB, PosProcess.APP_ROLE, PosProcess.SYSTEM_ROLE);
    Map<String, Object> result = new LinkedHashMap<>();
    PosProcess on = PosProcess.start(server, SALES_DB, false, "sales-on");
    PosProcess off = null;
    try {
      PosApi onApi = on.api();
      String token = onApi.signupAndLogin("Sales", "owner@sales.bench.example");
      String[] stores = {onApi.createStore(token, "Main St"), onApi.createStore(token, "Oak Ave")};
      List<String> keys = new ArrayList<>();
      for (int r = 0; r < o.registers; r++) {
        keys.add(onApi.createRegister(token, stores[r % 2], "Register " + (r + 1)));
      }
      String pushKey = onApi.createRegister(token, stores[0], "Register for the push");
      List<String> products = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        products.add(onApi.createProduct(token, String.format(Locale.ROOT, "SKU%03d", i), "Item " + i,
            String.format(Locale.ROOT, "%d.%02d", 1 + i % 20, (i * 7) % 100)));
      }
      for (int i = 0; i < 40; i++) {
        onApi.setStorePrice(token, stores[i % 2], products.get(i * 5), "0.75");
      }
      onApi.setTaxRate(token, "0.0825");
      salesHistory();
      off = PosProcess.start(server, SALES_DB, true, "sales-off");
      if (!off.logShowsIsolationOff() || on.logShowsIsolationOff()) {
        throw new IllegalStateException("the isolation-off POS must log its banner and the isolation-on POS must not");
      }
      PosApi offApi = off.api();
      checkSameAnswers(onApi, offApi, keys.get(0), products);
      Map<String, Object> measured = interleavedSales(List.of(on, off), keys, products);
      result.putAll(measured);
      result.put("off_removes", "the RLS DataSource (requests run on a plain pool of the owner login, superuser or "
          + "BYPASSRLS: no set_config, no JDBC wrappers, no policies evaluated) and Tenantry's query scoping "
          + "(the benchmark's persister factory builds Hibernate's standard persisters, so the SQL has no tenant terms); "
          + "the start-up audit");
      result.put("off_keeps", "authentication and the tenant binding; the starter's register-key lookup (system "
          + "access) and last-seen update, which run in their own sessions outside Spring's transactions; "
          + "Tenantry's company stamp and TenantGuard stamping and checking inserts and loaded rows; the same SQL "
          + "apart from the tenant terms; the same JVM options, pool size (10) and database");
      off.close();
      off = null;
      out.put("pos_sales", result);
      out.put("register_push", push(on, pushKey));
    } finally {
      if (off != null) {
        off.close();
      }
      on.close();
    }
  }

  /**
   * A year of sales for every register ({@value #HISTORY_SALES} sales of 3 lines, written as the owner the
   * way the POS writes them), then {@code vacuum analyze}: the sales are measured against tables of a
   * realistic size with statistics that describe them. Measured on empty tables, the plans the server
   * caches while the tables grow from nothing are what gets measured (e.g. a register's sale looked up by
   * the store index rather than the unique key), and the two variants' queries, which differ in their
   * tenant terms, are hit differently by that.
   */
  private void salesHistory() throws Exception {
    long started = System.nanoTime();
    try (Connection c = server.admin(SALES_DB); Statement st = c.createStatement()) {
      st.execute("create temporary table history_product as select id, row_number() over (order by id) - 1 as n,"
          + " base_price from pos_product");
      st.execute("create temporary table history_register as select id, company_id, store_id,"
          + " row_number() over (order by id) - 1 as n from tenantry_register");
      st.execute("insert into pos_sale (id, company_id, store_id, register_id, client_sale_id, subtotal, tax, total,"
          + " business_date, created_at)"
          + " select gen_random_uuid(), r.company_id, r.store_id, r.id, 'history-' || g, 10.00, 0.83, 10.83,"
          + " current_date - (g % 365), now() - make_interval(days => g % 365)"
          + " from generate_series(0, " + (HISTORY_SALES - 1) + ") g"
          + " join history_register r on r.n = g % (select count(*) from history_register)");
      st.execute("insert into pos_sale_line (id, company_id, store_id, register_id, sale_id, line_no, product_id,"
          + " quantity, unit_price, line_total)"
          + " select gen_random_uuid(), s.company_id, s.store_id, s.register_id, s.id, l, p.id, 1, p.base_price,"
          + " p.base_price from pos_sale s cross join generate_series(0, 2) l"
          + " join history_product p on p.n = (abs(hashtext(s.client_sale_id)) + l) % (select count(*) from history_product)");
      st.execute("vacuum analyze");
    }
    System.out.printf("  sales history: %,d sales of 3 lines, analyzed, in %.1f s%n", HISTORY_SALES,
        (System.nanoTime() - started) / 1e9);
  }

  /** Both instances price the same sale alike and answer a retry with the first sale (THREATS 27). */
  private void checkSameAnswers(PosApi on, PosApi off, String key, List<String> products) throws Exception {
    for (int i = 0; i < 5; i++) {
      String lines = lines(new SplittableRandom(i), products);
      String[] totals = new String[2];
      PosApi[] apis = {on, off};
      for (int v = 0; v < 2; v++) {
        String sale = "{\"clientSaleId\":\"" + UUID.randomUUID() + "\",\"lines\":" + lines + "}";
        PosApi.Answer a = apis[v].expect("POST", "/api/sales", key, sale, 201);
        apis[v].expect("POST", "/api/sales", key, sale, 200);
        totals[v] = a.get("subtotal") + "/" + a.get("tax") + "/" + a.get("total");
      }
      if (!totals[0].equals(totals[1])) {
        throw new IllegalStateException("isolation on and off priced the same sale differently: " + totals[0] + " vs "
            + totals[1]);
      }
    }
    System.out.println("  on and off price the same 5 sales alike, and answer their retries with 200");
  }

  /**
   * One register selling back to back ({@code POST /api/sales}, 3 lines from {@code seed}, a new
   * {@code clientSaleId} each) for {@code sliceNanos} once {@code go} opens: the latency of each sale. A sale
   * not answered 201 is counted in {@code failures} and printed.
   */
  static Callable<Samples> selling(PosApi api, String key, long seed, long sliceNanos, List<String> products,
      CountDownLatch go, AtomicLong failures) {
    return () -> {
      SplittableRandom rng = new SplittableRandom(seed);
      Samples s = new Samples();
      go.await();
      long end = System.nanoTime() + sliceNanos;
      long now;
      do {
        String body = "{\"clientSaleId\":\"" + UUID.randomUUID() + "\",\"lines\":" + lines(rng, products) + "}";
        long t0 = System.nanoTime();
        PosApi.Answer a = api.call("POST", "/api/sales", key, body);
        now = System.nanoTime();
        if (a.status() != 201) {
          failures.incrementAndGet();
          System.out.println("  sale answered " + a.status() + ": " + a.text());
        }
        s.add(now - t0);
      } while (now < end);
      return s;
    };
  }

  /** The figures of one variant's measured slices. */
  static Map<String, Object> variant(long sales, double seconds, Samples all, List<Double> perRound) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sales", sales);
    m.put("sales_per_s", sales / seconds);
    m.put("p50_ms", all.quantile(0.5) / 1e6);
    m.put("p99_ms", all.quantile(0.99) / 1e6);
    m.put("per_round_sales_per_s", perRound);
    return m;
  }

  static String lines(SplittableRandom rng, List<String> products) {
    StringBuilder sb = new StringBuilder("[");
    for (int l = 0; l < 3; l++) {
      sb.append(l == 0 ? "" : ",").append("{\"productId\":\"").append(products.get(rng.nextInt(products.size())))
          .append("\",\"quantity\":").append(1 + rng.nextInt(3)).append('}');
    }
    return sb.append(']').toString();
  }

  private Map<String, Object> interleavedSales(List<PosProcess> processes, List<String> keys, List<String> products)
      throws Exception {
    String[] names = {"on", "off"};
    List<PosApi> apis = List.of(processes.get(0).api(), processes.get(1).api());
    List<List<String>> logins = List.of(List.of(PosProcess.APP_ROLE, PosProcess.SYSTEM_ROLE), List.of(server.adminUser()));
    long[] jvmCpu = new long[2];
    long[] dbCpu = new long[2];
    Connection admin = server.admin(SALES_DB);
    ServerCpu backends = new ServerCpu(admin, SALES_DB);
    Samples[] all = {new Samples(), new Samples()};
    List<List<Double>> perRound = List.of(new ArrayList<>(), new ArrayList<>());
    List<List<Double>> perRoundP50 = List.of(new ArrayList<>(), new ArrayList<>());
    long[] sales = new long[2];
    double[] seconds = new double[2];
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(keys.size(), r -> {
      Thread t = new Thread(r, "bench-register");
      t.setDaemon(true);
      return t;
    });
    int total = o.posWarmupRounds + o.posRounds;
    long started = System.nanoTime();
    try {
      for (int round = 0; round < total; round++) {
        boolean measured = round >= o.posWarmupRounds;
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < 2; k++) {
          int v = (k + round) % 2;
          PosApi api = apis.get(v);
          CountDownLatch go = new CountDownLatch(1);
          List<Future<Samples>> futures = new ArrayList<>();
          long deadline = 0;
          for (int t = 0; t < keys.size(); t++) {
            String key = keys.get(t);
            long seed = round * 1_000_003L + t;
            futures.add(pool.submit(selling(api, key, seed, o.posSliceMillis * 1_000_000L, products, go, failures)));
          }
          Map<Integer, Long> db0 = backends.snapshot(logins.get(v));
          long jvm0 = processes.get(v).cpuNanos();
          long t0 = System.nanoTime();
          go.countDown();
          Samples slice = new Samples();
          for (Future<Samples> f : futures) {
            slice.addAll(f.get());
          }
          double secs = (System.nanoTime() - t0) / 1e9;
          long jvm = processes.get(v).cpuNanos() - jvm0;
          long db = ServerCpu.between(db0, backends.snapshot(logins.get(v)));
          double rate = slice.size() / secs;
          if (measured) {
            all[v].addAll(slice);
            perRound.get(v).add(rate);
            perRoundP50.get(v).add(slice.quantile(0.5) / 1e6);
            sales[v] += slice.size();
            seconds[v] += secs;
            jvmCpu[v] = jvm0 < 0 || jvmCpu[v] < 0 ? -1 : jvmCpu[v] + jvm;
            dbCpu[v] = db < 0 || dbCpu[v] < 0 ? -1 : dbCpu[v] + db;
          }
          line.append(String.format(Locale.ROOT, " %s=%.0f/s (p50 %.1f ms)", names[v], rate, slice.quantile(0.5) / 1e6));
        }
        System.out.printf(Locale.ROOT, "  round %d/%d %s (%.0f s)%s%n", round + 1, total, measured ? "measured" : "warm-up",
            (System.nanoTime() - started) / 1e9, line);
      }
    } finally {
      pool.shutdownNow();
      admin.close();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " sales were not answered 201");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("registers", keys.size());
    r.put("lines_per_sale", 3);
    Map<String, Object> variants = new LinkedHashMap<>();
    for (int v = 0; v < 2; v++) {
      Map<String, Object> m = variant(sales[v], seconds[v], all[v], perRound.get(v));
      m.put("per_round_p50_ms", perRoundP50.get(v));
      // the stable measure on a shared machine: what one sale costs the server side, whatever else runs
      m.put("pos_jvm_cpu_ms_per_sale", jvmCpu[v] < 0 ? null : jvmCpu[v] / 1e6 / sales[v]);
      m.put("postgres_cpu_ms_per_sale", dbCpu[v] < 0 ? null : dbCpu[v] / 1e6 / sales[v]);
      variants.put(names[v], m);
    }
    r.put("variants", variants);
    List<Double> ratios = Stats.ratios(perRound.get(0), perRound.get(1));
    r.put("ratio", Stats.median(ratios));
    r.put("round_ratio_p25", Stats.quantile(ratios, 0.25));
    r.put("round_ratio_p75", Stats.quantile(ratios, 0.75));
    r.put("total_ratio", (sales[0] / seconds[0]) / (sales[1] / seconds[1]));
    if (jvmCpu[0] > 0 && jvmCpu[1] > 0 && dbCpu[0] >= 0 && dbCpu[1] >= 0) {
      double on = (jvmCpu[0] + dbCpu[0]) / (double) sales[0];
      double off = (jvmCpu[1] + dbCpu[1]) / (double) sales[1];
      r.put("server_cpu_per_sale_on_vs_off", on / off);
      System.out.printf(Locale.ROOT, "  server CPU per sale (POS JVM + its PostgreSQL backends): on %.2f ms, off %.2f ms"
          + " (x%.3f)%n", on / 1e6, off / 1e6, on / off);
    }
    System.out.printf(Locale.ROOT, "  sales/s on %.0f (p50 %.1f ms, p99 %.1f ms), off %.0f (p50 %.1f ms, p99 %.1f ms);"
            + " median per-round ratio %.3f%n", sales[0] / seconds[0], all[0].quantile(0.5) / 1e6,
        all[0].quantile(0.99) / 1e6, sales[1] / seconds[1], all[1].quantile(0.5) / 1e6, all[1].quantile(0.99) / 1e6,
        Stats.median(ratios));
    return r;
  }

  /** {@code register sell ... --repeat N}, then {@code register push} of them, timed, against the POS with isolation on. */
  private Map<String, Object> push(PosProcess on, String key) throws Exception {
    System.out.printf("== Register push of %,d pending sales (register client as a process, isolation on)%n",
        o.pushSales);
    Path dir = Files.createTempDirectory("tenantry-bench-register-");
    Path db = dir.resolve("register.db");
    RegisterCli cli = new RegisterCli(db, key);
    try {
      cli.run(List.of("init", "--server", on.url), 0);
      cli.run(List.of("sync"), 0);
      RegisterCli.Run sell = cli.run(List.of("sell", "SKU001:2", "SKU002", "SKU003:3", "--repeat",
          Integer.toString(o.pushSales)), 0);
      System.out.printf(Locale.ROOT, "  sell --repeat %d: %.1f s%n", o.pushSales, sell.seconds());
      RegisterCli.Run push = cli.run(List.of("push"), 0);
      Matcher m = Pattern.compile("Pushed (\\d+) of (\\d+) pending sales .* in ([0-9.]+) s").matcher(push.output());
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("sales", o.pushSales);
      r.put("command", "register push (default --parallel 4) after register sell SKU001:2 SKU002 SKU003:3 --repeat "
          + o.pushSales);
      r.put("seconds", push.seconds());
      r.put("sales_per_s", o.pushSales / push.seconds());
      if (m.find()) {
        r.put("pushed", Long.parseLong(m.group(1)));
        r.put("client_reported_seconds", Double.parseDouble(m.group(3)));
      }
      r.put("sell_seconds", sell.seconds());
      try (Connection c = server.admin(SALES_DB); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select count(*) from pos_sale s join tenantry_register r on r.id = s.register_id"
              + " where r.name = 'Register for the push' and s.client_sale_id not like 'history-%'")) {
        rs.next();
        r.put("sales_on_server", rs.getLong(1));
        if (rs.getLong(1) != o.pushSales) {
          throw new IllegalStateException("the push left " + rs.getLong(1) + " sales on the server, not "
              + o.pushSales + "; register output:\n" + push.output());
        }
      }
      System.out.printf(Locale.ROOT, "  push: %,d sales in %.1f s (%.0f sales/s; the client reports %s s); %s on the server%n",
          o.pushSales, push.seconds(), o.pushSales / push.seconds(), r.get("client_reported_seconds"),
          r.get("sales_on_server"));
      return r;
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
