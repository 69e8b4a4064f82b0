package io.tenantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.internal.Bindings;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * THREATS 17: a one-thread pool alternating tenant A, tenant B, system access and no tenant,
 * through every wrapper. A wrapped task sees exactly its submitter's binding; an unwrapped task on
 * the same worker right afterwards sees none.
 */
class PropagationLeakTest {

  static final TenantContext A = TenantContext.ofStore(UUID.randomUUID(), UUID.randomUUID());
  static final TenantContext B = TenantContext.ofCompany(UUID.randomUUID());

  /** What a task observed: the tenant, a system access reason, or nothing. */
  static Object observe() {
    Optional<TenantContext> tenant = Tenancy.find();
    if (tenant.isPresent()) {
      return tenant.get();
    }
    return Tenancy.systemAccessReason().<Object>map(r -> "system:" + r).orElse("none");
  }

  /** Submits the probe through one wrapper and returns what it observed on the worker. */
  interface Submission {
    Object submit(ScheduledExecutorService raw, Callable<Object> probe) throws Exception;
  }

  static ScheduledExecutorService worker;

  @BeforeAll
  static void startWorker() {
    worker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "the-one-worker"));
  }

  @AfterAll
  static void stopWorker() {
    worker.shutdownNow();
  }

  static Stream<Arguments> wrappers() {
    return Stream.of(
        wrapper("runnable", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          raw.submit(TenantPropagation.runnable(() -> seen.add(call(probe)))).get();
          return seen.take();
        }),
        wrapper("callable", (raw, probe) -> raw.submit(TenantPropagation.callable(probe)).get()),
        wrapper("supplier", (raw, probe) ->
            CompletableFuture.supplyAsync(TenantPropagation.supplier(() -> call(probe)), raw).get()),
        wrapper("executor.execute", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.executor(raw).execute(() -> seen.add(call(probe)));
          return seen.poll(10, TimeUnit.SECONDS);
        }),
        wrapper("executorService.execute", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.executorService(raw).execute(() -> seen.add(call(probe)));
          return seen.poll(10, TimeUnit.SECONDS);
        }),
        wrapper("executorService.submit(Callable)", (raw, probe) ->
            TenantPropagation.executorService(raw).submit(probe).get()),
        wrapper("executorService.submit(Runnable)", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.executorService(raw).submit(() -> seen.add(call(probe))).get();
          return seen.take();
        }),
        wrapper("executorService.submit(Runnable, T)", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.executorService(raw).submit(() -> seen.add(call(probe)), "r").get();
          return seen.take();
        }),
        wrapper("executorService.invokeAll", (raw, probe) ->
            TenantPropagation.executorService(raw).invokeAll(List.of(probe)).get(0).get()),
        wrapper("executorService.invokeAll(timeout)", (raw, probe) ->
            TenantPropagation.executorService(raw).invokeAll(List.of(probe), 10, TimeUnit.SECONDS).get(0).get()),
        wrapper("executorService.invokeAny", (raw, probe) ->
            TenantPropagation.executorService(raw).invokeAny(List.of(probe))),
        wrapper("executorService.invokeAny(timeout)", (raw, probe) ->
            TenantPropagation.executorService(raw).invokeAny(List.of(probe), 10, TimeUnit.SECONDS)),
        wrapper("scheduled.schedule(Callable)", (raw, probe) ->
            TenantPropagation.scheduledExecutorService(raw).schedule(probe, 1, TimeUnit.MILLISECONDS).get()),
        wrapper("scheduled.schedule(Runnable)", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.scheduledExecutorService(raw)
              .schedule(() -> seen.add(call(probe)), 1, TimeUnit.MILLISECONDS).get();
          return seen.take();
        }),
        wrapper("scheduled.scheduleAtFixedRate", (raw, probe) -> periodic(raw, probe, true)),
        wrapper("scheduled.scheduleWithFixedDelay", (raw, probe) -> periodic(raw, probe, false)),
        wrapper("supplyAsync(executor)", (raw, probe) ->
            TenantPropagation.supplyAsync(() -> call(probe), raw).get()),
        wrapper("runAsync(executor)", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.runAsync(() -> seen.add(call(probe)), raw).get();
          return seen.take();
        }),
        wrapper("supplyAsync(common pool)", (raw, probe) ->
            TenantPropagation.supplyAsync(() -> call(probe)).get()),
        wrapper("runAsync(common pool)", (raw, probe) -> {
          BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1);
          TenantPropagation.runAsync(() -> seen.add(call(probe))).get();
          return seen.take();
        }));
  }

  /** Runs a periodic task three times; every run must see the same captured binding. */
  static Object periodic(ScheduledExecutorService raw, Callable<Object> probe, boolean fixedRate)
      throws Exception {
    BlockingQueue<Object> seen = new ArrayBlockingQueue<>(16);
    ScheduledExecutorService wrapped = TenantPropagation.scheduledExecutorService(raw);
    Runnable task = () -> seen.offer(call(probe));
    ScheduledFuture<?> future = fixedRate
        ? wrapped.scheduleAtFixedRate(task, 0, 1, TimeUnit.MILLISECONDS)
        : wrapped.scheduleWithFixedDelay(task, 0, 1, TimeUnit.MILLISECONDS);
    Object first = seen.poll(10, TimeUnit.SECONDS);
    for (int run = 0; run < 2; run++) {
      // between periodic runs, an unwrapped task on the same worker must see nothing
      assertThat(raw.submit(PropagationLeakTest::observe).get()).isEqualTo("none");
      assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
    }
    future.cancel(false);
    return first;
  }

  static Object call(Callable<Object> probe) {
    try {
      return probe.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Arguments wrapper(String name, Submission submission) {
    return Arguments.of(Named.of(name, submission));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrappers")
  void wrappedTask_seesSubmitterBinding_unwrappedSeesNone(Submission submission) throws Exception {
    for (int round = 0; round < 12; round++) {
      Object expected;
      Object seen;
      switch (round % 4) {
        case 0:
          expected = A;
          seen = Tenancy.call(A, () -> submission.submit(worker, PropagationLeakTest::observe));
          break;
        case 1:
          expected = B;
          seen = Tenancy.call(B, () -> submission.submit(worker, PropagationLeakTest::observe));
          break;
        case 2:
          expected = "system:platform report";
          seen = Tenancy.asSystem("platform report", () -> call(() -> submission.submit(worker, PropagationLeakTest::observe)));
          break;
        default:
          expected = "none";
          seen = submission.submit(worker, PropagationLeakTest::observe);
      }
      assertThat(seen).as("round %d", round).isEqualTo(expected);
      assertThat(worker.submit(PropagationLeakTest::observe).get())
          .as("unwrapped task after round %d", round)
          .isEqualTo("none");
    }
  }

  @Test
  void wrappedTask_submittedWithoutTenant_runsWithNone_evenOnAPoisonedWorker() throws Exception {
    // Simulate a worker that some broken code left bound to tenant A.
    worker.submit(() -> Bindings.bind(A)).get();
    try {
      assertThat(worker.submit(PropagationLeakTest::observe).get()).isEqualTo(A);
      Object seen = TenantPropagation.executorService(worker).submit(PropagationLeakTest::observe).get();
      assertThat(seen).isEqualTo("none");
      Object seenAsB = Tenancy.call(B, () -> TenantPropagation.executorService(worker)
          .submit(PropagationLeakTest::observe).get());
      assertThat(seenAsB).isEqualTo(B);
    } finally {
      worker.submit(() -> Bindings.restore(null)).get();
    }
  }

  @Test
  void wrappedTask_throwing_stillRestoresWorker() throws Exception {
    Callable<Object> failing = () -> {
      throw new IllegalStateException("task failed as " + Tenancy.current().companyId());
    };
    Tenancy.call(A, () -> {
      CompletableFuture<Object> f = new CompletableFuture<>();
      worker.submit(() -> {
        try {
          f.complete(TenantPropagation.callable(failing).call());
        } catch (Exception e) {
          f.completeExceptionally(e);
        }
      });
      assertThat(f).failsWithin(10, TimeUnit.SECONDS);
      return null;
    });
    assertThat(worker.submit(PropagationLeakTest::observe).get()).isEqualTo("none");
  }

  @Test
  void threadCreatedInsideTenantWork_doesNotInheritIt() throws Exception {
    Object seen = Tenancy.call(A, () -> {
      CompletableFuture<Object> f = new CompletableFuture<>();
      Thread t = new Thread(() -> f.complete(observe()));
      t.start();
      return f.get(10, TimeUnit.SECONDS);
    });
    assertThat(seen).isEqualTo("none");
  }

  @Test
  void executorWrappers_areIdempotent() {
    var wrapped = TenantPropagation.scheduledExecutorService(worker);
    assertThat(TenantPropagation.scheduledExecutorService(wrapped)).isSameAs(wrapped);
    var service = TenantPropagation.executorService(worker);
    assertThat(TenantPropagation.executorService(service)).isSameAs(service);
    var executor = TenantPropagation.executor(worker);
    assertThat(TenantPropagation.executor(executor)).isSameAs(executor);
  }
}
