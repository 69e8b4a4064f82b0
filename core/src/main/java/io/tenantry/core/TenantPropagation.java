package io.tenantry.core;

import io.tenantry.core.internal.Binding;
import io.tenantry.core.internal.Bindings;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Carries the caller's tenant to work that runs on another thread.
 *
 * <p>Each wrapper captures the binding of the thread that <em>creates or submits</em> the task
 * (a tenant, system access, or nothing) and binds exactly that while the task runs, restoring the
 * worker's previous binding afterwards. A pooled worker therefore never keeps a tenant after a task,
 * and a task submitted with no tenant runs with none, whatever ran on that worker before.
 *
 * <pre>{@code
 * ExecutorService pool = TenantPropagation.executorService(Executors.newFixedThreadPool(4));
 * Tenancy.run(ctx, () -> pool.submit(() -> receipts.print(saleId)));   // runs as ctx
 *
 * CompletableFuture<Report> f = TenantPropagation.supplyAsync(reports::build, pool);
 * }</pre>
 *
 * <p>For {@link CompletableFuture} chains, pass a wrapped executor to every {@code *Async} stage:
 * a stage without an executor runs on the common pool, which carries no tenant. Nothing here uses
 * {@link InheritableThreadLocal}: a thread pool created inside a tenant's work does not inherit it.
 */
public final class TenantPropagation {

  private TenantPropagation() {}

  /** Wraps a task so that it runs with the binding captured now. */
  public static Runnable runnable(Runnable task) {
    Objects.requireNonNull(task, "task");
    Binding captured = Bindings.current();
    return () -> {
      Binding previous = Bindings.bind(captured);
      try {
        task.run();
      } finally {
        Bindings.restore(previous);
      }
    };
  }

  /** Wraps a task so that it runs with the binding captured now. */
  public static <T> Callable<T> callable(Callable<T> task) {
    Objects.requireNonNull(task, "task");
    Binding captured = Bindings.current();
    return () -> {
      Binding previous = Bindings.bind(captured);
      try {
        return task.call();
      } finally {
        Bindings.restore(previous);
      }
    };
  }

  /** Wraps a supplier so that it runs with the binding captured now. */
  public static <T> Supplier<T> supplier(Supplier<T> task) {
    Objects.requireNonNull(task, "task");
    Binding captured = Bindings.current();
    return () -> {
      Binding previous = Bindings.bind(captured);
      try {
        return task.get();
      } finally {
        Bindings.restore(previous);
      }
    };
  }

  /** An executor that runs every task with the binding of the thread that submitted it. */
  public static Executor executor(Executor delegate) {
    Objects.requireNonNull(delegate, "delegate");
    if (delegate instanceof PropagatingExecutor) {
      return delegate;
    }
    return new PropagatingExecutor(delegate);
  }

  /** An executor service that runs every task with the binding of the thread that submitted it. */
  public static ExecutorService executorService(ExecutorService delegate) {
    Objects.requireNonNull(delegate, "delegate");
    if (delegate instanceof PropagatingExecutorService) {
      return delegate;
    }
    return new PropagatingExecutorService(delegate);
  }

  /**
   * A scheduled executor that runs every task, including each run of a periodic task, with the
   * binding of the thread that scheduled it.
   */
  public static ScheduledExecutorService scheduledExecutorService(ScheduledExecutorService delegate) {
    Objects.requireNonNull(delegate, "delegate");
    if (delegate instanceof PropagatingScheduledExecutorService) {
      return delegate;
    }
    return new PropagatingScheduledExecutorService(delegate);
  }

  /** {@link CompletableFuture#supplyAsync(Supplier, Executor)} with the caller's binding. */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> task, Executor executor) {
    return CompletableFuture.supplyAsync(supplier(task), executor);
  }

  /**
   * {@link CompletableFuture#supplyAsync(Supplier)} on the common pool with the caller's binding.
   * Later stages need a wrapped executor of their own to keep the tenant.
   */
  public static <T> CompletableFuture<T> supplyAsync(Supplier<T> task) {
    return CompletableFuture.supplyAsync(supplier(task));
  }

  /** {@link CompletableFuture#runAsync(Runnable, Executor)} with the caller's binding. */
  public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
    return CompletableFuture.runAsync(runnable(task), executor);
  }

  /** {@link CompletableFuture#runAsync(Runnable)} on the common pool with the caller's binding. */
  public static CompletableFuture<Void> runAsync(Runnable task) {
    return CompletableFuture.runAsync(runnable(task));
  }
}
