package io.tenantry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.tenantry.benchmarks.context.ContextBenchmark;
import io.tenantry.benchmarks.db.Shape;
import io.tenantry.benchmarks.harness.Samples;
import io.tenantry.benchmarks.harness.Stats;
import io.tenantry.benchmarks.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code mvn verify} runs of this module: the harness code, and one JMH benchmark for one short
 * iteration in-process. No database, no timing assertions; seconds, not minutes.
 */
class SmokeTest {

  @Test
  void md5Ids_matchPostgresMd5Cast() {
    // what PostgreSQL answers to: select md5('c:1')::uuid, md5('s:7:2')::uuid
    assertThat(Shape.company(1)).isEqualTo(UUID.fromString("38b77820-b004-9c21-5974-d497614f3a33"));
    assertThat(Shape.store(7, 2)).isEqualTo(UUID.fromString("3f5ac394-b2f1-9c2e-33c0-45401b684561"));
  }

  @Test
  void samples_quantilesByNearestRank() {
    Samples s = new Samples();
    for (int i = 100; i >= 1; i--) {
      s.add(i);
    }
    assertThat(s.quantile(0.5)).isEqualTo(50);
    assertThat(s.quantile(0.99)).isEqualTo(99);
    assertThat(Stats.geometricMean(List.of(0.5, 2.0))).isCloseTo(1.0, offset(1e-9));
    assertThat(Stats.quantile(List.of(1.0, 2.0, 3.0), 0.25)).isEqualTo(1.5);
  }

  @Test
  void report_rendersRatiosNotMeasuredAsNullWithTheirNote(@TempDir Path dir) throws Exception {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("generated_at", "now");
    run.put("command", "java -jar x.jar");
    Report.write(dir, run);
    String json = Files.readString(dir.resolve("latest.json"));
    assertThat(json).contains("\"sync_100k_vs_10k\": {\n      \"value\": null")
        .contains("\"pos_sales_isolation_on_vs_off\"").contains("not measured in this run");
    assertThat(Files.readString(dir.resolve("chart.svg"))).startsWith("<svg").contains("not measured in this run");
    assertThat(Files.readString(dir.resolve("results.md"))).contains("## Headline ratios")
        .contains("Not run (`--only` without `sync`)");
  }

  @Test
  void report_rendersSyncSalesAndPush(@TempDir Path dir) throws Exception {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("generated_at", "now");
    run.put("command", "java -jar x.jar --only=sync,pos");
    Map<String, Object> sync = new LinkedHashMap<>();
    sync.put("changes", 100L);
    sync.put("changes_are", "50 new products and 50 store prices");
    sync.put("catalogs", Map.of("10000", Map.of("products", 10000L, "syncs", 900L, "syncs_per_s", 90.0, "p50_ms", 10.0,
        "p99_ms", 20.0, "load_seconds", 1.5)));
    sync.put("plans", Map.of("10000", Map.of("after, products: p.change_seq > N",
        Map.of("buffers", 4L, "execution_ms", 0.1, "plan", "Index Scan using pos_product_sync_idx\n"))));
    sync.put("p50_ratio", 1.1);
    sync.put("round_ratio_median", 1.1);
    sync.put("round_ratio_p25", 1.0);
    sync.put("round_ratio_p75", 1.6);
    run.put("sync", sync);
    Map<String, Object> pos = new LinkedHashMap<>();
    pos.put("registers", 8L);
    pos.put("variants", Map.of("on", Map.of("sales", 100L, "sales_per_s", 90.0, "p50_ms", 80.0, "p99_ms", 200.0,
        "pos_jvm_cpu_ms_per_sale", 6.0, "postgres_cpu_ms_per_sale", 2.0),
        "off", Map.of("sales", 110L, "sales_per_s", 100.0, "p50_ms", 70.0, "p99_ms", 190.0)));
    pos.put("server_cpu_per_sale_on_vs_off", 1.2);
    pos.put("ratio", 0.95);
    pos.put("round_ratio_p25", 0.92);
    pos.put("round_ratio_p75", 0.97);
    pos.put("total_ratio", 0.9);
    pos.put("off_removes", "the RLS DataSource");
    pos.put("off_keeps", "the binding");
    run.put("pos_sales", pos);
    run.put("register_push", Map.of("sales", 10000L, "command", "register push", "seconds", 100.0, "sales_per_s", 100.0,
        "client_reported_seconds", 99.0, "sales_on_server", 10000L, "sell_seconds", 2.0));
    Report.write(dir, run);
    Map<String, Object> ratios = Report.headline(run);
    assertThat(ratios.get("sync_100k_vs_10k").toString()).contains("value=1.1").contains("inconclusive");
    assertThat(ratios.get("pos_sales_isolation_on_vs_off").toString()).contains("value=0.95").contains("verdict=met")
        .contains("p99_ms_on_off=[200.0, 190.0]");
    assertThat(Files.readString(dir.resolve("results.md"))).contains("## 4. Register delta sync")
        .contains("| 10,000 products | 900 | 90.0 | 10.00 | 20.00 | 1.5 |").contains("pos_product_sync_idx")
        .contains("| isolation on | 100 | 90.0 | 80.0 | 200.0 | 6.00 | 2.00 |").contains("×1.200 of off").contains("**100.0 s, 100 sales/s**");
    assertThat(Files.readString(dir.resolve("chart.svg"))).contains("0.950 ✓").contains("1.100 ? inconclusive");
    assertThat(Report.headlineText(run)).contains("pos_sales_isolation_on_vs_off").contains("met");
  }

  @Test
  void report_boundsRlsByTheSettingsStatementsServerCpu() {
    // 2 cores: (a) 1,000 ops/s = 2,000 µs of CPU per operation, 500 of them on the client thread; (c) the
    // same; d_bypass adds 100 µs of server CPU (and 20 of client CPU), d another 50 of server CPU.
    Map<String, Object> variants = new LinkedHashMap<>();
    variants.put("a", variant(1000, 500));
    variants.put("c", variant(1000, 500));
    variants.put("d_bypass", variant(2e6 / 2120, 520));
    variants.put("d", variant(2e6 / 2170, 520));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("machine", Map.of("cores", 2));
    run.put("queries", Map.of("variants", variants));

    Map<String, Object> bound = Report.settingsStatementBound(run);

    assertThat((Double) bound.get("value")).isCloseTo(2000.0 / 2100, offset(1e-9));
    assertThat((Double) ((Map<?, ?>) bound.get("settings_statement_server_cpu_us_per_op")).get("sale_by_id"))
        .isCloseTo(100.0, offset(1e-6));
    assertThat((Double) ((Map<?, ?>) bound.get("policies_server_cpu_us_per_op")).get("insert_sale"))
        .isCloseTo(50.0, offset(1e-6));
    variants.remove("d_bypass");
    assertThat(Report.settingsStatementBound(run)).isNull();
  }

  private static Map<String, Object> variant(double opsPerSecond, double clientCpuMicros) {
    Map<String, Object> ops = new LinkedHashMap<>();
    for (String op : List.of("catalog_page", "sale_by_id", "sales_report", "insert_sale")) {
      ops.put(op, Map.of("ops_per_s", opsPerSecond, "client_cpu_us_per_op", clientCpuMicros));
    }
    return Map.of("operations", ops);
  }

  @Test
  void json_parsesWhatItWrites() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", List.of(1.5, 2L));
    m.put("b", "x \"y\"\n");
    m.put("c", null);
    m.put("d", Map.of("e", true));
    assertThat(io.tenantry.benchmarks.report.Json.parse(io.tenantry.benchmarks.report.Json.write(m))).isEqualTo(m);
  }

  @Test
  void jmh_oneShortIterationOfOneBenchmark() throws Exception {
    // in-process, nothing to protect: a JMH run of another build on the same machine holds /tmp/jmh.lock
    System.setProperty("jmh.ignoreLock", "true");
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ContextBenchmark.class.getName() + ".tenancy_current$")
        .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
        .build()).run();
    assertThat(results).hasSize(1);
    assertThat(results.iterator().next().getPrimaryResult().getScore()).isPositive();
  }
}
