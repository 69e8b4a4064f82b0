package io.tenantry.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Item 1: JMH, ns/op of binding and reading the tenant against a raw ThreadLocal (and ScopedValue on JDK 25). */
final class ContextRun {

  private ContextRun() {}

  static Map<String, Object> run(RunAll.Options o) throws Exception {
    System.out.println("== Context: JMH (" + (o.quick ? "quick" : "full") + ")");
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("io\\.tenantry\\.benchmarks\\.context\\..*")
        .forks(o.quick ? 1 : 2)
        .warmupIterations(o.quick ? 1 : 3)
        .warmupTime(TimeValue.milliseconds(o.quick ? 300 : 1000))
        .measurementIterations(o.quick ? 2 : 5)
        .measurementTime(TimeValue.milliseconds(o.quick ? 300 : 1000))
        .threads(1)
        .shouldFailOnError(true);
    Collection<RunResult> results = new Runner(b.build()).run();
    Map<String, Object> byName = new TreeMap<>();
    for (RunResult r : results) {
      String full = r.getParams().getBenchmark();
      String name = full.substring(full.lastIndexOf('.') + 1);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("ns_per_op", r.getPrimaryResult().getScore());
      m.put("error_99_9", r.getPrimaryResult().getScoreError());
      m.put("benchmark", full);
      byName.put(name, m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    out.put("forks", o.quick ? 1 : 2);
    out.put("warmup", o.quick ? "1 x 300 ms" : "3 x 1 s");
    out.put("measurement", o.quick ? "2 x 300 ms" : "5 x 1 s");
    out.put("scoped_value", byName.containsKey("scopedValue_whereRun") ? "measured"
        : "not measured: build and run on JDK 25+ (profile jdk25) to include ScopedValueBenchmark");
    out.put("benchmarks", byName);
    return out;
  }
}
