package io.tenantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Virtual threads (JDK 21+; the code is compiled for 17, so they are created reflectively).
 * {@code .ci/run} runs the core tests again on JDK 25 so these really execute.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need JDK 21+; .ci/run runs core on JDK 25")
class VirtualThreadTest {

  static ExecutorService virtualThreadPerTask() throws Exception {
    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }

  @Test
  void tenThousandVirtualThreads_eachKeepsItsTenantAcrossParking() throws Exception {
    ExecutorService vts = virtualThreadPerTask();
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        TenantContext ctx = TenantContext.ofCompany(UUID.randomUUID());
        results.add(vts.submit(() -> Tenancy.call(ctx, () -> {
          Thread.sleep(1); // unmounts; may resume on another carrier thread
          boolean ok = Tenancy.current() == ctx;
          Thread.yield();
          return ok && Tenancy.current() == ctx;
        })));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      vts.shutdownNow();
    }
  }

  @Test
  void wrappedVirtualExecutor_propagatesSubmitterTenant_andUnwrappedSeesNone() throws Exception {
    TenantContext a = TenantContext.ofStore(UUID.randomUUID(), UUID.randomUUID());
    ExecutorService vts = virtualThreadPerTask();
    try {
      ExecutorService wrapped = TenantPropagation.executorService(vts);
      Object seen = Tenancy.call(a, () -> wrapped.submit(() -> {
        assertThat(Thread.currentThread().getClass().getName()).contains("Virtual");
        Thread.sleep(1);
        return Tenancy.current();
      }).get());
      assertThat(seen).isSameAs(a);
      Object unwrapped = Tenancy.call(a, () -> vts.submit(() -> Tenancy.find().isPresent()).get());
      assertThat(unwrapped).isEqualTo(false);
    } finally {
      vts.shutdownNow();
    }
  }
}
