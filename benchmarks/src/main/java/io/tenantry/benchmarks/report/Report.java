package io.tenantry.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the results of a run into {@code latest.json} (headline ratios first), {@code results.md} and
 * {@code chart.svg}. Pure functions of the result map, so a unit test can render them without a database.
 */
public final class Report {

  static final String NOT_RUN = "not measured in this run (see --only)";

  /** Context benchmarks shown side by side: label, Tenantry benchmark, raw baseline. */
  static final String[][] CONTEXT_PAIRS = {
      {"bind for a call + read once: Tenancy.run", "tenancy_run", "raw_setGetRemove"},
      {"raw ThreadLocal + the same 3 MDC entries", "rawWithMdc_setGetRemove", "raw_setGetRemove"},
      {"raw + MDC with id strings made once", "rawWithMdcCachedStrings_setGetRemove", "raw_setGetRemove"},
      {"Tenancy.supply", "tenancy_supply", "raw_setGetRemove"},
      {"Tenancy.call", "tenancy_call", "raw_setGetRemove"},
      {"Tenancy.current() while bound", "tenancy_current", "raw_get"},
      {"wrapped task on a worker: TenantPropagation.runnable(t).run()", "tenancy_runWrapped", "raw_runWrapped"},
      {"wrapping a task: TenantPropagation.runnable(t)", "tenancy_wrap", null},
      {"ScopedValue.where(k, ctx).run(t) (JDK 25)", "scopedValue_whereRun", "raw_setGetRemove"}};

  static final String[] OPS = {"catalog_page", "sale_by_id", "sales_report", "insert_sale"};
  static final String[] OP_LABELS = {"catalog page", "sale by id", "sales report", "insert sale"};

  private Report() {}

  public static void write(Path dir, Map<String, Object> run) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ratios", headline(run));
    json.putAll(run);
    Files.writeString(dir.resolve("latest.json"), Json.write(json), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("results.md"), Markdown.render(json), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("chart.svg"), Chart.render(json), StandardCharsets.UTF_8);
  }

  /** The five ratios of issue 9, measured or marked as pending. */
  public static Map<String, Object> headline(Map<String, Object> run) {
    Map<String, Object> r = new LinkedHashMap<>();
    Map<String, Object> q = map(run.get("queries"));
    Map<String, Object> ratios = q == null ? null : map(q.get("throughput_ratios"));
    Map<String, Object> scale = q == null ? null : map(q.get("scale_p50_ratios"));
    r.put("scoped_vs_handwritten", throughput(q, ratios, "c", 0.97, "throughput of (c) Tenantry scoping / (a) "
        + "hand-written JPQL; geometric mean over the 4 operations of the median per-round ratio"));
    Map<String, Object> rls = throughput(q, ratios, "d", 0.95, "throughput of (d) Tenantry scoping + RLS / (a) "
        + "hand-written JPQL; geometric mean over the 4 operations of the median per-round ratio");
    Map<String, Object> bound = settingsStatementBound(run);
    if (bound != null) {
      rls.put("settings_statement_bound", bound);
    }
    r.put("rls_vs_handwritten", rls);
    Map<String, Object> s = ratio(scale == null ? null : num(map(scale.get("d")).get("geomean")), "<=", 1.2,
        "p50 latency of (d) on the large data set / on the small one (10,000 vs 10 companies by default);"
            + " geometric mean over the 4 operations");
    if (scale != null) {
      s.put("worst_operation", num(map(scale.get("d")).get("max")));
    }
    r.put("scale_latency_10000_vs_10", s);
    Map<String, Object> sync = map(run.get("sync"));
    String syncDefinition = "p50 latency of a register's delta sync (GET /api/sync/catalog?since=cursor) of the same "
        + "100 changes in a 100,000-product catalog / in a 10,000-product one (sizes: --catalogs), through the POS HTTP API";
    if (sync == null) {
      r.put("sync_100k_vs_10k", pending("<=", 1.5, syncDefinition));
    } else {
      r.put("sync_100k_vs_10k", banded(ratio(num(sync.get("p50_ratio")), "<=", 1.5, syncDefinition),
          num(sync.get("round_ratio_p25")), num(sync.get("round_ratio_p75"))));
    }
    Map<String, Object> pos = map(run.get("pos_sales"));
    String posDefinition = "sales/s through the POS HTTP API (POST /api/sales), 8 registers each on its own client "
        + "thread, isolation on / the same app with the benchmark's isolation-off configuration; median of per-round ratios";
    if (pos == null) {
      r.put("pos_sales_isolation_on_vs_off", pending(">=", 0.90, posDefinition));
    } else {
      Map<String, Object> m = banded(ratio(num(pos.get("ratio")), ">=", 0.90, posDefinition),
          num(pos.get("round_ratio_p25")), num(pos.get("round_ratio_p75")));
      m.put("p50_ms_on_off", List.of(num(at(pos, "variants", "on", "p50_ms")), num(at(pos, "variants", "off", "p50_ms"))));
      m.put("p99_ms_on_off", List.of(num(at(pos, "variants", "on", "p99_ms")), num(at(pos, "variants", "off", "p99_ms"))));
      if (pos.get("server_cpu_per_sale_on_vs_off") != null) {
        m.put("server_cpu_per_sale_vs_off", num(pos.get("server_cpu_per_sale_on_vs_off")));
      }
      r.put("pos_sales_isolation_on_vs_off", m);
    }
    Map<String, Object> flood = map(run.get("unknown_keys_flood"));
    String floodDefinition = "real sales/s of 8 registers (POST /api/sales) while 1,000 requests with made-up register "
        + "keys arrive per slice / the same registers selling alone; median of per-round ratios (issue 22)";
    if (flood == null) {
      r.put("unknown_keys_flood_vs_quiet", pending(">=", 0.90, floodDefinition));
    } else {
      Map<String, Object> m = banded(ratio(num(flood.get("ratio")), ">=", 0.90, floodDefinition),
          num(flood.get("round_ratio_p25")), num(flood.get("round_ratio_p75")));
      m.put("p50_ms_flood_quiet", List.of(num(at(flood, "variants", "flood", "p50_ms")),
          num(at(flood, "variants", "quiet", "p50_ms"))));
      m.put("flood_answers", flood.get("flood_answers"));
      r.put("unknown_keys_flood_vs_quiet", m);
    }
    r.values().forEach(v -> {
      if (map(v).get("value") == null) {
        map(v).putIfAbsent("note", NOT_RUN);
      }
    });
    return r;
  }

  /**
   * A throughput ratio with what qualifies it: the band of the per-round ratios (geometric means of the
   * per-operation 25th and 75th percentiles) and the client CPU per operation relative to (a). When the
   * band straddles the target the verdict is "inconclusive": this run cannot tell.
   */
  private static Map<String, Object> throughput(Map<String, Object> q, Map<String, Object> ratios, String key,
      double target, String definition) {
    Map<String, Object> vs = ratios == null ? null : map(ratios.get(key + "_vs_a"));
    Map<String, Object> m = ratio(vs == null ? null : num(vs.get("geomean")), ">=", target, definition);
    if (vs == null) {
      return m;
    }
    double lo = 0;
    double hi = 0;
    double cpu = 0;
    int n = 0;
    for (String op : OPS) {
      Map<String, Object> o = map(at(vs, "operations", op));
      lo += Math.log(num(o.get("round_ratio_p25")));
      hi += Math.log(num(o.get("round_ratio_p75")));
      Double ca = num(at(q, "variants", "a", "operations", op, "client_cpu_us_per_op"));
      Double cv = num(at(q, "variants", key, "operations", op, "client_cpu_us_per_op"));
      cpu += ca == null || cv == null ? Double.NaN : Math.log(cv / ca);
      n++;
    }
    banded(m, Math.exp(lo / n), Math.exp(hi / n));
    m.put("client_cpu_per_op_vs_handwritten", Math.exp(cpu / n));
    return m;
  }

  /**
   * What (d) could reach at best on this run's figures if Tenantry's client code and the policies cost
   * nothing: (a)'s CPU per operation against (a)'s plus the PostgreSQL CPU that the settings statement of
   * every transaction adds on its own. Server CPU per operation is derived, not sampled: the client
   * threads keep every core busy, so cores / throughput is the CPU of one operation, and the rest after
   * the client thread's own CPU is PostgreSQL's. The settings statement's part is diagnostic
   * {@code d_bypass} (Tenantry's RLS DataSource on a role that bypasses the policies) minus (c); the
   * policies' part is (d) minus {@code d_bypass}. Null when the run lacks a variant.
   */
  public static Map<String, Object> settingsStatementBound(Map<String, Object> run) {
    Map<String, Object> q = map(run.get("queries"));
    Double cores = num(at(run, "machine", "cores"));
    if (q == null || cores == null) {
      return null;
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    Map<String, Object> policies = new LinkedHashMap<>();
    double log = 0;
    for (String op : OPS) {
      Double a = cpuPerOp(q, "a", op, cores);
      Double c = serverCpuPerOp(q, "c", op, cores);
      Double bypass = serverCpuPerOp(q, "d_bypass", op, cores);
      Double d = serverCpuPerOp(q, "d", op, cores);
      if (a == null || c == null || bypass == null || d == null) {
        return null;
      }
      settings.put(op, bypass - c);
      policies.put(op, d - bypass);
      log += Math.log(a / (a + bypass - c));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", Math.exp(log / OPS.length));
    m.put("definition", "the most (d) could reach if Tenantry's client code and the policies cost nothing: (a)'s CPU"
        + " per operation / (a)'s plus the PostgreSQL CPU the per-transaction settings statement adds (d_bypass - c);"
        + " geometric mean over the 4 operations. Derived: CPU per operation = cores / throughput (the client"
        + " threads keep the cores busy), PostgreSQL's part = that minus the client thread's CPU");
    m.put("settings_statement_server_cpu_us_per_op", settings);
    m.put("policies_server_cpu_us_per_op", policies);
    return m;
  }

  private static Double cpuPerOp(Map<String, Object> q, String variant, String op, double cores) {
    Double opsPerSecond = num(at(q, "variants", variant, "operations", op, "ops_per_s"));
    return opsPerSecond == null || opsPerSecond <= 0 ? null : cores * 1e6 / opsPerSecond;
  }

  private static Double serverCpuPerOp(Map<String, Object> q, String variant, String op, double cores) {
    Double all = cpuPerOp(q, variant, op, cores);
    Double client = num(at(q, "variants", variant, "operations", op, "client_cpu_us_per_op"));
    return all == null || client == null ? null : all - client;
  }

  /**
   * Adds the 25th-75th percentile band of the per-round ratios and the verdict: met or missed when the whole band
   * is on one side of the target, otherwise inconclusive (this run cannot tell).
   */
  static Map<String, Object> banded(Map<String, Object> m, Double lo, Double hi) {
    if (m.get("value") == null || lo == null || hi == null) {
      return m;
    }
    boolean atLeast = String.valueOf(m.get("target")).startsWith(">=");
    double target = Double.parseDouble(String.valueOf(m.get("target")).substring(3));
    boolean allMet = atLeast ? lo >= target : hi <= target;
    boolean allMissed = atLeast ? hi < target : lo > target;
    m.put("round_ratio_band", List.of(lo, hi));
    m.put("verdict", allMet ? "met" : allMissed ? "missed" : "inconclusive: the per-round ratios"
        + " straddle the target on this machine");
    return m;
  }

  private static Map<String, Object> ratio(Double value, String op, double target, String definition) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("value", value);
    m.put("target", op + " " + target);
    m.put("met", value == null ? null : (op.equals(">=") ? value >= target : value <= target));
    m.put("definition", definition);
    return m;
  }

  private static Map<String, Object> pending(String op, double target, String definition) {
    Map<String, Object> m = ratio(null, op, target, definition);
    m.put("note", NOT_RUN);
    return m;
  }

  /** One line per headline ratio, for the console. */
  public static String headlineText(Map<String, Object> run) {
    StringBuilder sb = new StringBuilder("Headline ratios:\n");
    headline(run).forEach((k, v) -> {
      Map<String, Object> m = map(v);
      Double value = num(m.get("value"));
      sb.append(String.format(Locale.ROOT, "  %-30s %8s  (target %s)%s%s%s%n", k,
          value == null ? "null" : String.format(Locale.ROOT, "%.3f", value), m.get("target"),
          value == null ? "  " + m.get("note") : Boolean.TRUE.equals(m.get("met")) ? "  met" : "  MISSED",
          m.containsKey("verdict") ? String.format(Locale.ROOT, "; per-round band %.2f-%.2f: %s",
              num(list(m.get("round_ratio_band")).get(0)), num(list(m.get("round_ratio_band")).get(1)), m.get("verdict"))
              : "",
          m.get("client_cpu_per_op_vs_handwritten") instanceof Number cpu
              ? String.format(Locale.ROOT, "; client CPU/op x%.2f", cpu.doubleValue())
              : m.get("server_cpu_per_sale_vs_off") instanceof Number server
              ? String.format(Locale.ROOT, "; server CPU/sale x%.3f of off", server.doubleValue()) : ""));
    });
    return sb.toString();
  }

  // ---- helpers for the renderers -------------------------------------------------------------

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map ? (Map<String, Object>) o : null;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return o instanceof List ? (List<Object>) o : new ArrayList<>();
  }

  static Double num(Object o) {
    return o instanceof Number ? ((Number) o).doubleValue() : null;
  }

  /** Walks a path of keys through nested maps; null where any step is missing. */
  static Object at(Map<String, Object> root, String... path) {
    Object cur = root;
    for (String p : path) {
      Map<String, Object> m = map(cur);
      if (m == null) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }

  static String fmt(Double d, String pattern) {
    return d == null || d.isNaN() ? "–" : String.format(Locale.ROOT, pattern, d);
  }
}
