package io.tenantry.benchmarks.context;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantPropagation;
import io.tenantry.core.internal.Binding;
import io.tenantry.core.internal.Bindings;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

/**
 * What binding and reading the tenant costs, next to the raw {@link ThreadLocal} it is built on.
 * Each {@code tenancy*} benchmark has a {@code raw*} twin doing the same work by hand (without the
 * null checks and the SLF4J MDC updates that {@link Tenancy} adds), so the difference is Tenantry's.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ContextBenchmark {

  private static final ThreadLocal<Object> RAW = new ThreadLocal<>();

  private TenantContext ctx;
  private Runnable readCurrent;
  private Supplier<TenantContext> supplyCurrent;
  private String companyText;
  private String storeText;
  private String registerText;

  @Setup(Level.Trial)
  public void setUp(Blackhole bh) {
    ctx = TenantContext.ofRegister(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    readCurrent = () -> bh.consume(Tenancy.current());
    supplyCurrent = Tenancy::current;
    companyText = ctx.companyId().toString();
    storeText = ctx.storeId().get().toString();
    registerText = ctx.registerId().get().toString();
  }

  // ---- bind for the extent of a call ----------------------------------------------------------

  /** Baseline of {@code run}: set, read once, remove. */
  @Benchmark
  public void raw_setGetRemove(Blackhole bh) {
    Object previous = RAW.get();
    RAW.set(ctx);
    try {
      bh.consume(RAW.get());
    } finally {
      if (previous == null) {
        RAW.remove();
      } else {
        RAW.set(previous);
      }
    }
  }

  /**
   * What {@code Tenancy.run} does besides the ThreadLocal: the SLF4J MDC entries for company, store and
   * register, put on bind and removed on restore, with the UUIDs turned into strings each time.
   */
  @Benchmark
  public void rawWithMdc_setGetRemove(Blackhole bh) {
    RAW.set(ctx);
    MDC.put("tenant.company", ctx.companyId().toString());
    MDC.put("tenant.store", ctx.storeId().get().toString());
    MDC.put("tenant.register", ctx.registerId().get().toString());
    try {
      bh.consume(RAW.get());
    } finally {
      RAW.remove();
      MDC.remove("tenant.company");
      MDC.remove("tenant.store");
      MDC.remove("tenant.register");
    }
  }

  /** The same MDC work with the id strings made once per context (what caching them in the context would save). */
  @Benchmark
  public void rawWithMdcCachedStrings_setGetRemove(Blackhole bh) {
    RAW.set(ctx);
    MDC.put("tenant.company", companyText);
    MDC.put("tenant.store", storeText);
    MDC.put("tenant.register", registerText);
    try {
      bh.consume(RAW.get());
    } finally {
      RAW.remove();
      MDC.remove("tenant.company");
      MDC.remove("tenant.store");
      MDC.remove("tenant.register");
    }
  }

  /** {@code Tenancy.run} with a task that reads {@code Tenancy.current()} once. */
  @Benchmark
  public void tenancy_run() {
    Tenancy.run(ctx, readCurrent);
  }

  /** {@code Tenancy.supply} returning {@code Tenancy.current()}. */
  @Benchmark
  public TenantContext tenancy_supply() {
    return Tenancy.supply(ctx, supplyCurrent);
  }

  /** {@code Tenancy.call} (checked-exception form) returning {@code Tenancy.current()}. */
  @Benchmark
  public TenantContext tenancy_call() throws Exception {
    return Tenancy.call(ctx, Tenancy::current);
  }

  // ---- read the bound tenant ------------------------------------------------------------------

  /** Reads while bound (bound once per trial, outside the measurement). */
  @State(Scope.Thread)
  public static class Bound {
    TenantContext ctx;
    Binding previous;

    @Setup(Level.Trial)
    public void bind() {
      ctx = TenantContext.ofStore(UUID.randomUUID(), UUID.randomUUID());
      previous = Bindings.bind(ctx);
      RAW.set(ctx);
    }

    @TearDown(Level.Trial)
    public void unbind() {
      Bindings.restore(previous);
      RAW.remove();
    }
  }

  /** Baseline of {@code current()}: a raw {@code ThreadLocal.get()}. */
  @Benchmark
  public Object raw_get(Bound bound) {
    return RAW.get();
  }

  /** {@code Tenancy.current()}: the get plus the type check that makes it fail closed. */
  @Benchmark
  public TenantContext tenancy_current(Bound bound) {
    return Tenancy.current();
  }

  // ---- carry the tenant to another task -------------------------------------------------------

  /**
   * A task wrapped while a tenant was bound, run on a thread with nothing bound: the worker side of
   * {@code TenantPropagation}, which binds (with the MDC), runs and restores.
   */
  @State(Scope.Thread)
  public static class Wrapped {
    Runnable tenantry;
    Runnable raw;

    @Setup(Level.Trial)
    public void wrap(Blackhole bh) {
      TenantContext ctx = TenantContext.ofStore(UUID.randomUUID(), UUID.randomUUID());
      Runnable task = () -> bh.consume(Tenancy.current());
      tenantry = Tenancy.supply(ctx, () -> TenantPropagation.runnable(task));
      Object captured = ctx;
      raw = () -> {
        Object before = RAW.get();
        RAW.set(captured);
        try {
          bh.consume(RAW.get());
        } finally {
          if (before == null) {
            RAW.remove();
          } else {
            RAW.set(before);
          }
        }
      };
    }
  }

  /** Baseline of a wrapped task: set, read once and remove by hand around the task. */
  @Benchmark
  public void raw_runWrapped(Wrapped wrapped) {
    wrapped.raw.run();
  }

  /** {@code TenantPropagation.runnable(task).run()} on the worker: bind, run, restore. */
  @Benchmark
  public void tenancy_runWrapped(Wrapped wrapped) {
    wrapped.tenantry.run();
  }

  /** The submitting side: {@code TenantPropagation.runnable(task)} captures the binding (one allocation). */
  @Benchmark
  public Runnable tenancy_wrap(Bound bound) {
    return TenantPropagation.runnable(readCurrent);
  }
}
