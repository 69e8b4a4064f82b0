package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static io.tenantry.spring.it.World.A1;
import static io.tenantry.spring.it.World.B;
import static io.tenantry.spring.it.World.RA1;
import static io.tenantry.spring.test.TenantRequests.asRegister;
import static io.tenantry.spring.test.TenantRequests.asTenant;
import static io.tenantry.spring.test.TenantRequests.inStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.actuate.TenantryEndpoint;
import io.tenantry.spring.cache.TenantCacheKey;
import io.tenantry.spring.it.app.ProductCounts;
import io.tenantry.spring.it.app.TenantProbe;
import io.tenantry.spring.registerkey.RegisterKeys;
import io.tenantry.spring.task.TenantJobReport;
import io.tenantry.spring.task.TenantJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.CacheManager;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.test.context.TestPropertySource;

/** THREATS 9, 17, 18, 24: threads, caches, logs, scheduled jobs; and the actuator endpoint. */
@TestPropertySource(properties = "management.endpoints.web.exposure.include=health,tenantry")
class PropagationAndCachingTest extends AttackAppTestSupport {

  @Autowired
  @Qualifier("applicationTaskExecutor")
  AsyncTaskExecutor executor;

  @Autowired
  ProductCounts counts;

  @Autowired
  CacheManager cacheManager;

  @Autowired
  TenantJobs jobs;

  @Autowired
  TenantryEndpoint endpoint;

  @Autowired
  RegisterKeys keys;

  @Test
  void asyncMethodsAndExecutorTasksKeepTheRequestsTenant() throws Exception {
    mvc.perform(get("/probe/async").with(asTenant(TOKENS.owner(A))).with(inStore(A1)))
        .andExpect(jsonPath("$.company").value(A.toString()))
        .andExpect(jsonPath("$.store").value(A1.toString()))
        .andExpect(jsonPath("$.mdcCompany").value(A.toString()))
        .andExpect(jsonPath("$.thread").value(org.hamcrest.Matchers.startsWith("task-")));
    mvc.perform(get("/probe/executor").with(asTenant(TOKENS.owner(B))))
        .andExpect(jsonPath("$.company").value(B.toString()))
        .andExpect(jsonPath("$.mdcCompany").value(B.toString()));
  }

  @Test
  void anAsyncResultIsRenderedWithTheRequestsTenant() throws Exception {
    org.springframework.test.web.servlet.MvcResult started = mvc.perform(get("/probe/deferred")
            .with(asTenant(TOKENS.owner(B))))
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.request().asyncStarted())
        .andReturn();
    mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.worker.company").value(B.toString()))
        .andExpect(jsonPath("$.renderedFor").value(B.toString()));
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void aPooledWorkerDoesNotPassATenantToTheNextTask() throws Exception {
    String worker = mvc.perform(get("/probe/async").with(asTenant(TOKENS.owner(A))))
        .andExpect(jsonPath("$.company").value(A.toString()))
        .andReturn().getResponse().getContentAsString();
    Map<String, String> next = executor.submit(TenantProbe::snapshot).get();
    assertThat(next).containsEntry("company", "none").containsEntry("mdcCompany", "null");
    // the pool has one thread: the same worker ran both tasks
    assertThat(worker).contains("\"thread\":\"" + next.get("thread") + "\"");
  }

  @Test
  void cacheEntriesAreKeptPerTenant() throws Exception {
    cacheManager.getCache("productCounts").clear();
    int before = counts.computed();
    mvc.perform(get("/products/count").with(asTenant(TOKENS.owner(A)))).andExpect(content().string("2"));
    mvc.perform(get("/products/count").with(asTenant(TOKENS.owner(B)))).andExpect(content().string("1"));
    mvc.perform(get("/products/count").with(asTenant(TOKENS.owner(A)))).andExpect(content().string("2"));
    mvc.perform(get("/products/count").with(asTenant(TOKENS.owner(A))).with(inStore(A1)))
        .andExpect(content().string("1"));
    assertThat(counts.computed() - before).isEqualTo(3);
    ConcurrentMap<?, ?> entries = (ConcurrentMap<?, ?>) cacheManager.getCache("productCounts").getNativeCache();
    assertThat(entries.keySet()).hasSize(3).allSatisfy(k -> assertThat(k).isInstanceOf(TenantCacheKey.class));
    assertThat(entries.keySet().stream().map(k -> ((TenantCacheKey) k).scope()).toList())
        .anySatisfy(scope -> assertThat(scope).contains("company=" + B))
        .filteredOn(scope -> scope.contains("company=" + A)).hasSize(2);
  }

  @Test
  void logLinesOfARequestCarryItsTenantAndNothingIsLeftAfterIt() throws Exception {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger("io.tenantry.spring.it.app.ProductController");
    logger.addAppender(appender);
    try {
      String key = Tenancy.supply(TenantContext.ofCompany(A), () -> keys.issue(RA1)).key();
      mvc.perform(get("/products").with(asTenant(TOKENS.owner(B)))).andExpect(status().isOk());
      mvc.perform(get("/products").with(asRegister(key))).andExpect(status().isOk());
      mvc.perform(get("/products")).andExpect(status().isUnauthorized());
    } finally {
      logger.detachAppender(appender);
    }
    List<Map<String, String>> mdc = new ArrayList<>();
    appender.list.forEach(e -> mdc.add(e.getMDCPropertyMap()));
    assertThat(mdc).hasSize(2);
    assertThat(mdc.get(0)).containsEntry("tenant.company", B.toString()).doesNotContainKey("tenant.register");
    assertThat(mdc.get(1)).containsEntry("tenant.company", A.toString())
        .containsEntry("tenant.store", A1.toString())
        .containsEntry("tenant.register", RA1.toString());
    assertThat(MDC.get("tenant.company")).isNull();
    assertThat(MDC.get("tenant.register")).isNull();
  }

  @Test
  void perCompanyJobsRunOnceForEachCompanyAndOneFailureDoesNotStopTheOthers() {
    List<String> seen = new ArrayList<>();
    TenantJobReport report = jobs.forEachCompany("test job", () -> {
      TenantContext ctx = Tenancy.current();
      seen.add(ctx.companyId() + " " + ctx.allStoresGranted() + " " + ctx.principal().orElseThrow());
      if (ctx.companyId().equals(A)) {
        throw new IllegalStateException("company A's run fails");
      }
    });
    assertThat(seen).containsExactly(A + " true job:test job", B + " true job:test job");
    assertThat(report.succeeded()).containsExactly(B);
    assertThat(report.failed()).containsOnlyKeys(A);
    assertThat(report.allSucceeded()).isFalse();
    assertThat(Tenancy.find()).isEmpty();
    org.assertj.core.api.Assertions.assertThatThrownBy(report::throwIfFailed)
        .hasMessageContaining(A.toString());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Tenancy.run(TenantContext.ofCompany(A),
        () -> jobs.forEachCompany("inside a tenant", () -> {}))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theTenantryEndpointCountsTheHierarchyAndShowsTheAudit() {
    TenantryEndpoint.TenantryDescriptor descriptor = endpoint.tenantry();
    assertThat(descriptor.counts()).as("counted through the system login").isEqualTo(new TenantryEndpoint.Counts(2, 3, 3));
    assertThat(descriptor.audit()).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> audit = (Map<String, Object>) descriptor.audit();
    assertThat(audit).containsEntry("clean", true).containsEntry("findings", List.of());
    assertThat(audit.get("tenantTables").toString()).contains("tenantry_register_key", "demo_product");
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void theHealthIndicatorIsDownWhileTheAuditFindsAHole() {
    assertThat(health.health(true).getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
    admin().execute("alter table demo_product no force row level security");
    try {
      org.springframework.boot.health.contributor.Health down = health.health(true);
      assertThat(down.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
      assertThat(down.getDetails().get("findings").toString()).contains("demo_product").contains("not forced");
    } finally {
      admin().execute("alter table demo_product force row level security");
    }
    assertThat(health.health(true).getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
  }

  @Autowired
  io.tenantry.spring.actuate.IsolationAuditHealthIndicator health;

  @Test
  void aTenantJobCanUseTheIdOfTheBoundCompany() {
    List<UUID> companies = new ArrayList<>();
    jobs.forEachCompany("collect", () -> companies.add(Tenancy.current().companyId())).throwIfFailed();
    assertThat(companies).containsExactly(A, B);
  }
}
