package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A company deactivated by the platform ({@link TenantProvisioning#deactivateCompany}): its users cannot sign
 * in (a clear 403 problem, only after the right password), the tokens they hold and its registers' keys are
 * refused (403 too: the keys stay valid, so the POS's unknown-key gate does not remember them as unknown), the other company is served as before, and a tenant cannot reactivate itself (the application
 * role may not write the status, V1_20). Reactivating restores all of it at once.
 */
class CompanyDeactivationTest extends ApiTestBase {

  @Autowired
  EntityManagerFactory entityManagerFactory;

  World w;

  CompanyDeactivationTest(TestDatabase database) {
    super(database);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  @Test
  void loginTokensAndRegistersOfADeactivatedCompanyAreRefused_untilReactivated() throws Exception {
    TenantProvisioning provisioning = TenantProvisioning.of(entityManagerFactory);
    servedAsBefore();

    provisioning.deactivateCompany(w.companyA, "test: unpaid");
    try {
      MockHttpServletResponse login = login("owner-a@test.example", "secret-123");
      assertThat(login.getStatus()).as(body(login)).isEqualTo(403);
      assertThat(login.getContentType()).startsWith("application/problem+json");
      assertThat(body(login)).contains("Your company is deactivated").doesNotContain("unpaid");
      MockHttpServletResponse wrong = login("owner-a@test.example", "not-the-password");
      assertThat(wrong.getStatus()).as("a wrong password learns nothing about the company").isEqualTo(401);
      assertThat(login("cashier-a2@test.example", "secret-123").getStatus()).isEqualTo(403);

      for (String token : new String[] {w.ownerA, w.managerA1, w.cashierA2}) {
        MockHttpServletResponse r = get("/api/me", token);
        assertThat(r.getStatus()).as(body(r)).isEqualTo(403);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(body(r)).contains("company is deactivated");
      }
      for (String key : new String[] {w.keyA1, w.keyA2}) {
        MockHttpServletResponse r = get("/api/company", key);
        assertThat(r.getStatus()).as(body(r)).isEqualTo(403);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        assertThat(body(r)).contains("company is deactivated");
      }
      // the other company is served as before
      assertThat(get("/api/company", w.ownerB).getStatus()).isEqualTo(200);
      assertThat(get("/api/company", w.keyB1).getStatus()).isEqualTo(200);
      assertThat(login("owner-b@test.example", "secret-123").getStatus()).isEqualTo(200);
      // the application role cannot write the status, so no request of the tenant can reactivate it
      assertThat(admin("select has_column_privilege('" + app.name() + "', 'tenantry_company', 'deactivated_at', "
          + "'update')")).isEqualTo("f");
      assertThat(admin("select has_column_privilege('" + app.name() + "', 'tenantry_company', 'name', 'update')"))
          .isEqualTo("t");
      assertThat(admin("select deactivation_reason from tenantry_company where id = '" + w.companyA + "'"))
          .isEqualTo("test: unpaid");
    } finally {
      provisioning.reactivateCompany(w.companyA);
    }

    servedAsBefore();
    assertThat(login("owner-a@test.example", "secret-123").getStatus()).isEqualTo(200);
    assertThat(login("cashier-a2@test.example", "secret-123").getStatus()).isEqualTo(200);
  }

  private void servedAsBefore() throws Exception {
    for (String auth : new String[] {w.ownerA, w.managerA1, w.keyA1, w.keyA2, w.ownerB, w.keyB1}) {
      MockHttpServletResponse r = get("/api/company", auth);
      assertThat(r.getStatus()).as(body(r)).isEqualTo(200);
    }
  }

  private MockHttpServletResponse login(String email, String password) throws Exception {
    return post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
  }

  private static String admin(String sql) throws Exception {
    try (var c = db.adminDataSource().getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
