package io.tenantry.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

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
    assertThat(Stats.geometricMean(List.of(0.5, 2.0))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Stats.quantile(List.of(1.0, 2.0, 3.0), 0.25)).isEqualTo(1.5);
  }

  @Test
  void report_rendersPendingRatiosAsNullWithTheirNote(@TempDir Path dir) throws Exception {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("generated_at", "now");
    run.put("command", "java -jar x.jar");
    Report.write(dir, run);
    String json = Files.readString(dir.resolve("latest.json"));
    assertThat(json).contains("\"sync_100k_vs_10k\": {\n      \"value\": null")
        .contains("\"pos_sales_isolation_on_vs_off\"").contains("needs examples/pos");
    assertThat(Files.readString(dir.resolve("chart.svg"))).startsWith("<svg").contains("pending: needs examples/pos");
    assertThat(Files.readString(dir.resolve("results.md"))).contains("## Headline ratios");
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
    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include(ContextBenchmark.class.getName() + ".tenancy_current$")
        .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(200))
        .build()).run();
    assertThat(results).hasSize(1);
    assertThat(results.iterator().next().getPrimaryResult().getScore()).isPositive();
  }
}
