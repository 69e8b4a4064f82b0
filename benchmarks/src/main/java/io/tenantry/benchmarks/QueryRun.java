package io.tenantry.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.benchmarks.db.BenchServer;
import io.tenantry.benchmarks.db.Dataset;
import io.tenantry.benchmarks.db.Shape;
import io.tenantry.benchmarks.harness.Interleaved;
import io.tenantry.benchmarks.harness.JdbcTrace;
import io.tenantry.benchmarks.harness.Slot;
import io.tenantry.benchmarks.harness.Stats;
import io.tenantry.benchmarks.pos.Op;
import io.tenantry.benchmarks.pos.OpInput;
import io.tenantry.benchmarks.pos.PosWorkload;
import io.tenantry.benchmarks.pos.Variants;
import io.tenantry.benchmarks.pos.plain.PlainWorkload;
import io.tenantry.benchmarks.pos.scoped.ScopedWorkload;
import io.tenantry.benchmarks.pos.tenantid.TenantIdWorkload;
import io.tenantry.core.Tenancy;
import io.tenantry.hibernate.rls.TenantryRls;
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
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;

/** Items 2 and 3: query overhead of the four variants, the diagnostics, and scale, in one interleaved run. */
final class QueryRun {

  /** How a slot is built, so that the trace pass can build it again on a traced DataSource. */
  private record Spec(String key, String label, Dataset dataset, String role, boolean rls, String kind) {}

  private final RunAll.Options options;
  private final Map<String, Object> out;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final Map<String, HikariDataSource> pools = new LinkedHashMap<>();

  QueryRun(RunAll.Options options, Map<String, Object> out) {
    this.options = options;
    this.out = out;
  }

  void run() throws Exception {
    try {
      doRun();
    } finally {
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          System.err.println("close: " + e);
        }
      }
    }
  }

  private void doRun() throws Exception {
    System.out.println("== Queries: PostgreSQL and data sets");
    BenchServer server = BenchServer.start();
    Map<String, Object> db = server.describe();
    out.put("database", db);
    System.out.println("  server: " + db);
    Dataset small = server.dataset(new Shape(options.smallCompanies), options.reload, Variants::policySql);
    Dataset large = server.dataset(new Shape(options.largeCompanies), options.reload, Variants::policySql);
    out.put("datasets", List.of(describe(small), describe(large)));

    String l = "@" + large.shape().companies;
    List<Spec> specs = new ArrayList<>(List.of(
        new Spec("a", "(a) hand-written JPQL, explicit company_id/store_id", large, BenchServer.BYPASS, false, "plain"),
        new Spec("b", "(b) Hibernate @TenantId + store condition by hand", large, BenchServer.BYPASS, false, "tenantid"),
        new Spec("c", "(c) Tenantry scoping", large, BenchServer.BYPASS, false, "scoped"),
        new Spec("d", "(d) Tenantry scoping + RLS", large, BenchServer.APP, true, "scoped"),
        new Spec("a_roundtrip", "diag: (a) + the set_config round trip, policies bypassed", large, BenchServer.BYPASS,
            false, "plain+rt"),
        new Spec("d_bypass", "diag: (d) on a BYPASSRLS role: round trip, no policies", large, BenchServer.BYPASS, true,
            "scoped"),
        new Spec("a_small", "(a) hand-written on " + small.label(), small, BenchServer.BYPASS, false, "plain"),
        new Spec("d_small", "(d) Tenantry + RLS on " + small.label(), small, BenchServer.APP, true, "scoped")));
    if (options.slots != null) {
      specs.removeIf(s -> !options.slots.contains(s.key));
    }
    System.out.println("== Queries: building " + specs.size() + " variants (HikariCP, " + options.threads
        + " connections each)");
    List<Slot> slots = new ArrayList<>();
    for (Spec s : specs) {
      HikariDataSource pool = server.pool(s.dataset, s.role, "bench-" + s.key, options.threads);
      closeables.add(pool);
      pools.put(s.key, pool);
      slots.add(new Slot(s.key, s.label + (s.dataset == large ? "" : ""), s.dataset.shape(), workload(s, pool, Function.identity())));
    }
    check(slots, server, large);

    List<Op> ops = List.of(Op.values());
    System.out.printf(Locale.ROOT, "== Queries: %d slots x %d operations, %d client threads, %d warm-up + %d measured"
        + " rounds of %d ms slices, order rotating every round%n", slots.size(), ops.size(), options.threads,
        options.warmupRounds, options.rounds, options.sliceMillis);
    Map<String, Map<Op, Interleaved.Result>> results =
        new Interleaved(slots, ops, options.threads, options.warmupRounds, options.rounds, options.sliceMillis).run();

    if (options.slots != null) {
      for (Slot slot : slots) {
        for (Op op : ops) {
          Interleaved.Result r = results.get(slot.key()).get(op);
          System.out.printf(Locale.ROOT, "  %-12s %-14s %,8.0f ops/s  p50 %6.0f us  client cpu %5.0f us/op%n",
              slot.key(), op.key, r.opsPerSecond(), r.latencies.quantile(0.5) / 1e3, r.clientCpuMicrosPerOp());
        }
      }
      return;
    }
    Map<String, Object> planCache = planCache();
    Map<String, Object> trace = trace(specs, large);
    report(specs, results, planCache, trace, large, small);
  }

  private static Map<String, Object> describe(Dataset ds) throws Exception {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("database", ds.name());
    d.put("companies", ds.shape().companies);
    d.put("shape", ds.shape().toString());
    Map<String, Object> rows = new LinkedHashMap<>();
    try (Connection c = ds.admin(); Statement st = c.createStatement()) {
      for (String t : new String[] {"tenantry_company", "tenantry_store", "tenantry_register", "pos_product",
          "pos_price_override", "pos_sale", "pos_sale_line"}) {
        try (ResultSet rs = st.executeQuery("select count(*) from " + t)) {
          rs.next();
          rows.put(t, rs.getLong(1));
        }
      }
      try (ResultSet rs = st.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
        rs.next();
        d.put("size", rs.getString(1));
      }
    }
    d.put("rows", rows);
    return d;
  }

  private PosWorkload workload(Spec s, HikariDataSource pool, Function<DataSource, DataSource> decorate) {
    DataSource base = decorate.apply(pool);
    DataSource ds = s.rls ? TenantryRls.dataSource(base) : base;
    SessionFactory sf;
    PosWorkload w;
    switch (s.kind) {
      case "plain":
        sf = Variants.plain(ds);
        w = new PlainWorkload(sf, false);
        break;
      case "plain+rt":
        sf = Variants.plain(ds);
        w = new PlainWorkload(sf, true);
        break;
      case "tenantid":
        sf = Variants.tenantId(ds);
        w = new TenantIdWorkload(sf);
        break;
      case "scoped":
        // the start-up audit stays on where the DataSource is the RLS one on the proper role
        sf = Variants.scoped(ds, !(s.rls && s.role.equals(BenchServer.BYPASS)));
        w = new ScopedWorkload(sf);
        break;
      default:
        throw new IllegalArgumentException(s.kind);
    }
    closeables.add(sf);
    return w;
  }

  /** Before measuring: every variant returns the same rows for the same arguments, and inserts land alike. */
  private static void check(List<Slot> slots, BenchServer server, Dataset large) throws Exception {
    System.out.println("== Queries: checking that every variant returns the same rows");
    for (Op op : new Op[] {Op.CATALOG_PAGE, Op.SALE_BY_ID, Op.SALES_REPORT}) {
      for (int seed = 0; seed < 25; seed++) {
        Map<Integer, Long> byCompanies = new LinkedHashMap<>();
        Map<Integer, String> who = new LinkedHashMap<>();
        for (Slot slot : slots) {
          OpInput in = new OpInput();
          in.pick(op, slot.shape(), new SplittableRandom(seed));
          long sum = slot.workload().run(op, in);
          Long before = byCompanies.putIfAbsent(slot.shape().companies, sum);
          who.putIfAbsent(slot.shape().companies, slot.key());
          if (before != null && before != sum) {
            throw new IllegalStateException(op + " seed " + seed + ": " + slot.key() + " returned other rows than "
                + who.get(slot.shape().companies) + " (checksum " + sum + " vs " + before + ")");
          }
        }
      }
    }
    for (Slot slot : slots) {
      OpInput in = new OpInput();
      in.pick(Op.INSERT_SALE, slot.shape(), new SplittableRandom(1));
      slot.workload().run(Op.INSERT_SALE, in);
    }
    try (Connection c = large.admin(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(distinct s.id), count(l.id), count(*) filter (where"
            + " l.store_id <> s.store_id or l.register_id <> s.register_id or s.total <> (select sum(line_total)"
            + " from pos_sale_line x where x.company_id = s.company_id and x.sale_id = s.id))"
            + " from pos_sale s join pos_sale_line l on l.company_id = s.company_id and l.sale_id = s.id"
            + " where s.sold_at >= timestamptz '2025-01-01 00:00:00+00' + interval '" + Shape.HISTORY_DAYS + " days'")) {
      rs.next();
      if (rs.getLong(2) != rs.getLong(1) * OpInput.LINES_PER_NEW_SALE || rs.getLong(3) != 0) {
        throw new IllegalStateException("inserted sales are not alike: " + rs.getLong(1) + " sales, " + rs.getLong(2)
            + " lines, " + rs.getLong(3) + " inconsistent");
      }
    }
    System.out.println("  same checksums for 25 arguments x 3 reads; inserts stamped alike");
  }

  /** How often PostgreSQL planned each prepared statement generically versus per execution (PG 14+). */
  private Map<String, Object> planCache() throws Exception {
    Map<String, Object> all = new LinkedHashMap<>();
    for (Map.Entry<String, HikariDataSource> e : pools.entrySet()) {
      List<Connection> held = new ArrayList<>();
      Map<String, long[]> byStatement = new LinkedHashMap<>();
      try {
        for (int i = 0; i < options.threads; i++) {
          held.add(e.getValue().getConnection());
        }
        for (Connection c : held) {
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
              "select statement, generic_plans, custom_plans from pg_prepared_statements")) {
            while (rs.next()) {
              long[] counts = byStatement.computeIfAbsent(rs.getString(1), k -> new long[2]);
              counts[0] += rs.getLong(2);
              counts[1] += rs.getLong(3);
            }
          }
        }
      } finally {
        for (Connection c : held) {
          c.close();
        }
      }
      Map<String, Object> stmts = new LinkedHashMap<>();
      byStatement.forEach((sql, counts) -> stmts.put(sql, Map.of("generic_plans", counts[0], "custom_plans", counts[1])));
      all.put(e.getKey(), stmts);
    }
    return all;
  }

  /**
   * Runs of each operation before the traced one: pgjdbc server-prepares a statement from its fifth
   * execution on a connection, and only then knows enough to decide whether two statements can share
   * a round trip.
   */
  private static final int WARM_TRACE_RUNS = 6;

  /**
   * Untimed: round trips, statements and commits per operation, the SQL each variant sends, and EXPLAIN
   * ANALYZE of the reads.
   */
  private Map<String, Object> trace(List<Spec> specs, Dataset large) throws Exception {
    System.out.println("== Queries: trace pass (round trips, SQL, plans)");
    Map<String, Object> all = new LinkedHashMap<>();
    for (Spec s : specs) {
      JdbcTrace trace = new JdbcTrace();
      HikariDataSource pool = pools.get(s.key);
      PosWorkload w = workload(s, pool, trace::wrap);
      DataSource explainVia = s.rls ? TenantryRls.dataSource(pool) : pool;
      Map<String, Object> perOp = new LinkedHashMap<>();
      for (Op op : Op.values()) {
        OpInput in = new OpInput();
        in.pick(op, s.dataset.shape(), new SplittableRandom(42));
        for (int i = 0; i < WARM_TRACE_RUNS; i++) { // the session factory's caches; server-prepared statements
          w.run(op, in);
        }
        trace.reset();
        trace.countingRoundTrips(() -> w.run(op, in));
        List<JdbcTrace.Executed> executed = trace.executed();
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("statements", executed.size());
        t.put("commits", trace.commits());
        t.put("round_trips", trace.roundTrips());
        List<String> sql = new ArrayList<>();
        List<String> plans = new ArrayList<>();
        List<String> genericPlans = new ArrayList<>();
        for (JdbcTrace.Executed sent : executed) {
          sql.add(sent.sql());
          JdbcTrace.Executed e = withoutSettings(sent);
          boolean read = e != null && e.sql().trim().toLowerCase(Locale.ROOT).startsWith("select");
          if (read && op != Op.INSERT_SALE) {
            plans.add(explain(explainVia, e, in));
            genericPlans.add(explainGeneric(explainVia, e, in));
          }
        }
        t.put("sql", sql);
        t.put("plans", plans);
        t.put("generic_plans", genericPlans);
        if (!genericPlans.isEmpty()) {
          t.put("buffers", buffers(genericPlans.get(0)));
          t.put("company_index_used", genericPlans.stream().allMatch(QueryRun::usesCompanyIndex));
        }
        perOp.put(op.key, t);
      }
      all.put(s.key, perOp);
    }
    return all;
  }

  /**
   * The application's own statement: without Tenantry's settings when they were sent in front of it
   * ({@code select set_config(...);\n<statement>}, parameters shifted), null for the settings alone.
   */
  static JdbcTrace.Executed withoutSettings(JdbcTrace.Executed e) {
    String sql = e.sql();
    if (!sql.startsWith("select set_config(")) {
      return e;
    }
    int cut = sql.indexOf(";\n");
    if (cut < 0) {
      return null;
    }
    int shift = (int) sql.substring(0, cut).chars().filter(ch -> ch == '?').count();
    Map<Integer, Object[]> params = new java.util.TreeMap<>();
    e.parameters().forEach((i, v) -> {
      if (i > shift) {
        params.put(i - shift, v);
      }
    });
    return new JdbcTrace.Executed(sql.substring(cut + 2), params);
  }

  private static String explain(DataSource ds, JdbcTrace.Executed e, OpInput in) throws Exception {
    return Tenancy.call(in.context, () -> {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        StringBuilder plan = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("explain (analyze, buffers, costs off) " + e.sql())) {
          JdbcTrace.bind(ps, e.parameters());
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
        } finally {
          c.rollback();
        }
        return plan.toString();
      }
    });
  }

  /**
   * The plan PostgreSQL reuses once a prepared statement has gone generic (after 5 executions, when the
   * generic plan is not estimated dearer): PREPARE the statement and EXECUTE it under
   * {@code plan_cache_mode = force_generic_plan}, so the parameters stay {@code $n} in the plan.
   */
  private static String explainGeneric(DataSource ds, JdbcTrace.Executed e, OpInput in) throws Exception {
    StringBuilder sql = new StringBuilder();
    int n = 0;
    for (char ch : e.sql().toCharArray()) {
      if (ch == '?') {
        sql.append('$').append(++n);
      } else {
        sql.append(ch);
      }
    }
    StringBuilder args = new StringBuilder();
    for (Object[] call : e.parameters().values()) {
      if (args.length() > 0) {
        args.append(", ");
      }
      args.append(literal(call[1]));
    }
    return Tenancy.call(in.context, () -> {
      try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
        c.setAutoCommit(false);
        StringBuilder plan = new StringBuilder();
        try {
          st.execute("set local plan_cache_mode = force_generic_plan");
          st.execute("prepare tenantry_bench_generic as " + sql);
          // a statement without parameters is executed without the parentheses (PostgreSQL refuses "()")
          try (ResultSet rs = st.executeQuery("explain (analyze, buffers, costs off) execute tenantry_bench_generic"
              + (args.length() == 0 ? "" : "(" + args + ")"))) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
        } finally {
          c.rollback();
          // PREPARE is not transactional; drop only ours (pgjdbc's own prepared statements live on this connection)
          st.execute("select 1 from pg_prepared_statements where name = 'tenantry_bench_generic'");
          try (ResultSet rs = st.getResultSet()) {
            if (rs.next()) {
              st.execute("deallocate tenantry_bench_generic");
            }
          }
          c.commit();
        }
        return plan.toString();
      }
    });
  }

  /** Shared buffers the whole plan touched (hit + read), from the top node's Buffers line. */
  static long buffers(String plan) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Buffers: shared ([^\\n]*)").matcher(plan);
    if (!m.find()) {
      return 0;
    }
    long total = 0;
    java.util.regex.Matcher n = java.util.regex.Pattern.compile("(hit|read)=(\\d+)").matcher(m.group(1));
    while (n.find()) {
      total += Long.parseLong(n.group(2));
    }
    return total;
  }

  /** No sequential scan, and every table is reached through an index condition on company_id or the id. */
  static boolean usesCompanyIndex(String plan) {
    return !plan.contains("Seq Scan") && java.util.regex.Pattern.compile("Index Cond: \\(+company_id = ").matcher(plan).find();
  }

  private static String literal(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number) {
      return v.toString();
    }
    if (v instanceof Object[]) {
      // an array parameter (Tenantry's visible stores): PostgreSQL's array literal
      StringBuilder array = new StringBuilder("'{");
      for (Object e : (Object[]) v) {
        array.append(array.length() > 2 ? "," : "").append(e);
      }
      return array.append("}'").toString();
    }
    String text = v instanceof java.sql.Timestamp ? ((java.sql.Timestamp) v).toInstant().toString() : v.toString();
    return "'" + text.replace("'", "''") + "'";
  }

  private void report(List<Spec> specs, Map<String, Map<Op, Interleaved.Result>> results, Map<String, Object> planCache,
      Map<String, Object> trace, Dataset large, Dataset small) {
    Map<String, Object> variants = new LinkedHashMap<>();
    for (Spec s : specs) {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("label", s.label);
      v.put("database", s.dataset.name());
      v.put("role", s.role);
      v.put("rls_datasource", s.rls);
      Map<String, Object> perOp = new LinkedHashMap<>();
      for (Op op : Op.values()) {
        Interleaved.Result r = results.get(s.key).get(op);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ops_per_s", r.opsPerSecond());
        m.put("p50_us", Stats.median(r.perRoundP50) / 1000.0);
        m.put("p99_us", r.latencies.quantile(0.99) / 1000.0);
        m.put("client_cpu_us_per_op", r.clientCpuMicrosPerOp());
        m.put("operations", r.operations);
        m.put("per_round_ops_per_s", r.perRoundOpsPerSecond);
        m.put("per_round_p50_us", r.perRoundP50.stream().map(x -> x / 1000.0).toList());
        perOp.put(op.key, m);
      }
      v.put("operations", perOp);
      variants.put(s.key, v);
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("threads", options.threads);
    q.put("warmup_rounds", options.warmupRounds);
    q.put("rounds", options.rounds);
    q.put("slice_ms", options.sliceMillis);
    q.put("variants", variants);
    Map<String, Object> ratios = new LinkedHashMap<>();
    ratios.put("b_vs_a", throughputRatio(results, "b", "a"));
    ratios.put("c_vs_a", throughputRatio(results, "c", "a"));
    ratios.put("d_vs_a", throughputRatio(results, "d", "a"));
    ratios.put("d_vs_c", throughputRatio(results, "d", "c"));
    ratios.put("a_roundtrip_vs_a", throughputRatio(results, "a_roundtrip", "a"));
    ratios.put("d_bypass_vs_c", throughputRatio(results, "d_bypass", "c"));
    ratios.put("d_vs_d_bypass", throughputRatio(results, "d", "d_bypass"));
    q.put("throughput_ratios", ratios);
    Map<String, Object> scale = new LinkedHashMap<>();
    scale.put("d", latencyRatio(results, "d", "d_small"));
    scale.put("a", latencyRatio(results, "a", "a_small"));
    q.put("scale_p50_ratios", scale);
    q.put("plan_cache", planCache);
    q.put("trace", trace);
    out.put("queries", q);
  }

  /**
   * Per operation: the median over rounds of the per-round throughput ratio (robust to a slice that
   * outside load happened to hit), its interquartile range, and the ratio of total operations; overall:
   * the geometric mean of the per-operation medians.
   */
  private static Map<String, Object> throughputRatio(Map<String, Map<Op, Interleaved.Result>> results, String num,
      String den) {
    Map<String, Object> r = new LinkedHashMap<>();
    List<Double> perOp = new ArrayList<>();
    Map<String, Object> ops = new LinkedHashMap<>();
    for (Op op : Op.values()) {
      Interleaved.Result n = results.get(num).get(op);
      Interleaved.Result d = results.get(den).get(op);
      List<Double> rounds = Stats.ratios(n.perRoundOpsPerSecond, d.perRoundOpsPerSecond);
      double median = Stats.median(rounds);
      perOp.add(median);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("ratio", median);
      o.put("round_ratio_p25", Stats.quantile(rounds, 0.25));
      o.put("round_ratio_p75", Stats.quantile(rounds, 0.75));
      o.put("total_ratio", n.opsPerSecond() / d.opsPerSecond());
      ops.put(op.key, o);
    }
    r.put("geomean", Stats.geometricMean(perOp));
    r.put("operations", ops);
    return r;
  }

  /** Per operation: median over rounds of the per-round p50 ratio; overall: geometric mean and worst. */
  private static Map<String, Object> latencyRatio(Map<String, Map<Op, Interleaved.Result>> results, String num,
      String den) {
    Map<String, Object> r = new LinkedHashMap<>();
    List<Double> perOp = new ArrayList<>();
    Map<String, Object> ops = new LinkedHashMap<>();
    for (Op op : Op.values()) {
      double ratio = Stats.median(Stats.ratios(results.get(num).get(op).perRoundP50, results.get(den).get(op).perRoundP50));
      perOp.add(ratio);
      ops.put(op.key, ratio);
    }
    r.put("geomean", Stats.geometricMean(perOp));
    r.put("max", perOp.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    r.put("operations", ops);
    return r;
  }

}
