package io.tenantry.benchmarks.context;

import io.tenantry.core.TenantContext;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The JDK 25 alternative to a ThreadLocal binding: {@code ScopedValue.where(key, ctx).run(task)}
 * with a task that reads the value once, comparable to {@code ContextBenchmark.tenancy_run} and
 * {@code raw_setGetRemove}. Compiled only on JDK 25+ (profile {@code jdk25}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ScopedValueBenchmark {

  private static final ScopedValue<TenantContext> CURRENT = ScopedValue.newInstance();

  private TenantContext ctx;
  private Runnable readCurrent;

  @Setup(Level.Trial)
  public void setUp(Blackhole bh) {
    ctx = TenantContext.ofRegister(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    readCurrent = () -> bh.consume(CURRENT.get());
  }

  /** Bind for the extent of a call and read once: the ScopedValue counterpart of {@code Tenancy.run}. */
  @Benchmark
  public void scopedValue_whereRun() {
    ScopedValue.where(CURRENT, ctx).run(readCurrent);
  }
}
