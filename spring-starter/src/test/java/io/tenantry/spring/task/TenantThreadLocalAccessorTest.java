package io.tenantry.spring.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

class TenantThreadLocalAccessorTest {

  private static final UUID COMPANY = UUID.randomUUID();

  @Test
  void theAccessorIsRegisteredWithTheGlobalRegistry() {
    assertThat(ContextRegistry.getInstance().getThreadLocalAccessors())
        .anySatisfy(a -> assertThat(a).isInstanceOf(TenantThreadLocalAccessor.class));
  }

  @Test
  void aSnapshotCarriesTheTenantToAnotherThreadAndRestoresItsBinding() throws Exception {
    ContextSnapshotFactory factory = ContextSnapshotFactory.builder().build();
    ContextSnapshot snapshot = Tenancy.supply(TenantContext.ofCompany(COMPANY), factory::captureAll);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      AtomicReference<String> inside = new AtomicReference<>();
      AtomicReference<String> after = new AtomicReference<>();
      pool.submit(snapshot.wrap(() -> inside.set(seen()))).get();
      pool.submit(() -> after.set(seen())).get();
      assertThat(inside.get()).isEqualTo(COMPANY + " " + COMPANY);
      assertThat(after.get()).isEqualTo("none null");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void springsContextPropagatingDecoratorCarriesTheTenant() throws Exception {
    Runnable decorated = Tenancy.supply(TenantContext.ofCompany(COMPANY),
        () -> new ContextPropagatingTaskDecorator().decorate(() -> assertThat(seen()).startsWith(COMPANY.toString())));
    Thread thread = new Thread(decorated);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
    thread.start();
    thread.join();
    assertThat(failure.get()).isNull();
  }

  @Test
  void theTaskDecoratorRestoresTheWorkersBinding() {
    Runnable task = Tenancy.supply(TenantContext.ofCompany(COMPANY),
        () -> new TenantTaskDecorator().decorate(() -> assertThat(seen()).startsWith(COMPANY.toString())));
    task.run();
    assertThat(Tenancy.find()).isEmpty();
  }

  private static String seen() {
    return Tenancy.find().map(c -> c.companyId().toString()).orElse("none") + " " + MDC.get("tenant.company");
  }
}
