package io.tenantry.spring.it.app;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.MDC;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Service;

/** Reports which tenant the current thread sees. */
@Service
public class TenantProbe {

  /** What this thread sees now. */
  public static Map<String, String> snapshot() {
    Map<String, String> seen = new LinkedHashMap<>();
    seen.put("company", Tenancy.find().map(c -> c.companyId().toString()).orElse("none"));
    seen.put("store", Tenancy.find().flatMap(TenantContext::storeId).map(UUID::toString).orElse("none"));
    seen.put("register", Tenancy.find().flatMap(TenantContext::registerId).map(UUID::toString).orElse("none"));
    seen.put("principal", Tenancy.find().flatMap(TenantContext::principal).orElse("none"));
    seen.put("mdcCompany", String.valueOf(MDC.get("tenant.company")));
    seen.put("thread", Thread.currentThread().getName());
    return seen;
  }

  @Async
  public CompletableFuture<Map<String, String>> onAsyncThread() {
    return CompletableFuture.completedFuture(snapshot());
  }
}
