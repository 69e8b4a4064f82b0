package io.tenantry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** 16 threads, each switching between its own tenants 100,000 times, checking every step. */
class ContextSwitchStressTest {

  static final int THREADS = 16;
  static final int SWITCHES = 100_000;

  @Test
  void sixteenThreads_hundredThousandSwitchesEach_zeroCrossReads() throws Exception {
    AtomicLong crossReads = new AtomicLong();
    AtomicLong checks = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        TenantContext mine = TenantContext.ofStore(UUID.randomUUID(), UUID.randomUUID());
        TenantContext other = TenantContext.ofCompany(UUID.randomUUID());
        futures.add(pool.submit(() -> {
          start.await();
          long local = 0;
          long bad = 0;
          for (int i = 0; i < SWITCHES; i++) {
            TenantContext expected = (i & 1) == 0 ? mine : other;
            long[] inner = new long[2];
            Tenancy.run(expected, () -> {
              inner[0]++;
              if (Tenancy.current() != expected) {
                inner[1]++;
              }
              if ((inner[0] & 15) == 0) {
                TenantContext nested = expected == mine ? other : mine;
                Tenancy.run(nested, () -> {
                  if (Tenancy.current() != nested) {
                    inner[1]++;
                  }
                });
                if (Tenancy.current() != expected) {
                  inner[1]++;
                }
              }
            });
            local += inner[0];
            bad += inner[1];
            if (Tenancy.isBound()) {
              bad++;
            }
          }
          checks.addAndGet(local);
          crossReads.addAndGet(bad);
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(checks.get()).isEqualTo((long) THREADS * SWITCHES);
    assertThat(crossReads.get()).isZero();
  }
}
