package io.tenantry.spring.it.app;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/probe")
class ProbeController {

  private final TenantProbe probe;
  private final AsyncTaskExecutor executor;
  private final ProductRepository products;

  ProbeController(TenantProbe probe, @Qualifier("applicationTaskExecutor") AsyncTaskExecutor executor,
      ProductRepository products) {
    this.probe = probe;
    this.executor = executor;
    this.products = products;
  }

  @GetMapping("/whoami")
  Map<String, String> whoami() {
    return TenantProbe.snapshot();
  }

  @GetMapping("/async")
  Map<String, String> async() {
    return probe.onAsyncThread().join();
  }

  @GetMapping("/executor")
  Map<String, String> executor() throws InterruptedException, ExecutionException {
    return executor.submit(TenantProbe::snapshot).get();
  }

  /** Completes on a worker; the result is rendered in an asynchronous dispatch of the request. */
  @GetMapping("/deferred")
  CompletableFuture<Rendered> deferred() {
    return probe.onAsyncThread().thenApply(Rendered::new);
  }

  /** Reads the tenant while Jackson writes it, that is during the asynchronous dispatch. */
  public static final class Rendered {
    private final Map<String, String> worker;

    Rendered(Map<String, String> worker) {
      this.worker = worker;
    }

    public Map<String, String> getWorker() {
      return worker;
    }

    public String getRenderedFor() {
      return TenantProbe.snapshot().get("company");
    }
  }

  /** A bug on purpose: the common pool carries no tenant. */
  @GetMapping("/common-pool")
  long commonPool() {
    return CompletableFuture.supplyAsync(products::count).join();
  }
}
