package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static io.tenantry.spring.it.World.A1;
import static io.tenantry.spring.it.World.B;
import static io.tenantry.spring.it.World.RA1;
import static io.tenantry.spring.it.World.RB1;
import static io.tenantry.spring.test.TenantRequests.asRegister;
import static io.tenantry.spring.test.TenantRequests.asTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.spring.registerkey.RegisterKeyCaches;
import io.tenantry.spring.registerkey.RegisterKeys;
import io.tenantry.spring.task.TenantJobReport;
import io.tenantry.spring.task.TenantJobs;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A deactivated company through the starter's entry points, both walls up: its tokens get 403 problem details
 * saying so, its register keys too (403, not 401: the key stays valid for the reactivation), its per-company jobs do not run; the other company is
 * served throughout; reactivating restores all of it, at once (same JVM).
 */
class CompanyDeactivationHttpTest extends AttackAppTestSupport {

  @Autowired
  RegisterKeys keys;

  @Autowired
  EntityManagerFactory entityManagerFactory;

  @Autowired
  TenantJobs jobs;

  @Test
  void tokensRegisterKeysAndJobsOfADeactivatedCompanyAreRefused_untilReactivated() throws Exception {
    String keyA = Tenancy.supply(TenantContext.ofCompany(A), () -> keys.issue(RA1)).key();
    String keyB = Tenancy.supply(TenantContext.ofCompany(B), () -> keys.issue(RB1)).key();
    TenantProvisioning provisioning = TenantProvisioning.of(entityManagerFactory);
    servedAsBefore(keyA, keyB);
    // the key's location is cached (issue 20): deactivation is decided after it, by the company's status
    assertThat(RegisterKeyCaches.holds(keys, keyA)).isTrue();

    provisioning.deactivateCompany(A, "test: unpaid");
    try {
      mvc.perform(get("/products").with(asTenant(TOKENS.owner(A))))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.detail").value(Matchers.containsString("company is deactivated")))
          .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("unpaid"))));
      mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.member(A, "CASHIER", A1))))
          .andExpect(status().isForbidden());
      mvc.perform(get("/products").with(asRegister(keyA)))
          .andExpect(status().isForbidden())
          .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(jsonPath("$.detail").value(Matchers.containsString("company is deactivated")));
      // the other company is unaffected
      mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.owner(B))))
          .andExpect(status().isOk()).andExpect(jsonPath("$.company").value(B.toString()));
      mvc.perform(get("/probe/whoami").with(asRegister(keyB)))
          .andExpect(status().isOk()).andExpect(jsonPath("$.register").value(RB1.toString()));
      // per-company jobs leave it out
      List<UUID> ran = new CopyOnWriteArrayList<>();
      TenantJobReport report = jobs.forEachCompany("deactivation test", () -> ran.add(Tenancy.current().companyId()));
      assertThat(ran).contains(B).doesNotContain(A);
      assertThat(report.succeeded()).doesNotContain(A);
    } finally {
      provisioning.reactivateCompany(A);
    }

    servedAsBefore(keyA, keyB);
    List<UUID> ran = new CopyOnWriteArrayList<>();
    jobs.forEachCompany("reactivation test", () -> ran.add(Tenancy.current().companyId()));
    assertThat(ran).contains(A, B);
  }

  private void servedAsBefore(String keyA, String keyB) throws Exception {
    mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isOk()).andExpect(jsonPath("$.company").value(A.toString()));
    mvc.perform(get("/probe/whoami").with(asRegister(keyA)))
        .andExpect(status().isOk()).andExpect(jsonPath("$.register").value(RA1.toString()));
    mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.owner(B))))
        .andExpect(status().isOk()).andExpect(jsonPath("$.company").value(B.toString()));
    mvc.perform(get("/probe/whoami").with(asRegister(keyB)))
        .andExpect(status().isOk()).andExpect(jsonPath("$.register").value(RB1.toString()));
  }
}
