package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebLayerTenantIdsTest {

  private static final String CONTROLLER = fixture("web.bad.SaleController");

  @Test
  void webLayerNeverReadsTenantIds_headersParametersCookies() {
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains("was violated (6 times)")
        .contains("because a tenant id sent by the client can name another company")
        .contains("Method <" + CONTROLLER + ".byTenantHeader(java.util.UUID)> reads \"X-Tenant-Id\" with "
            + "@RequestHeader in (SaleController.java:")
        .contains("the tenant comes from the authenticated principal, never from the client; "
            + "read it with Tenancy.current()")
        // the name Spring binds when the annotation names none
        .contains("Method <" + CONTROLLER + ".byCompanyParameter(java.util.UUID)> reads \"companyId\" with @RequestParam")
        .contains("Method <" + CONTROLLER + ".byStoreHeader(java.util.UUID)> reads \"X-Store-Id\" with @RequestHeader")
        .contains("Method <" + CONTROLLER + ".byCompanyCookie(java.lang.String)> reads \"company_id\" with @CookieValue");
  }

  @Test
  void webLayerNeverReadsTenantIds_requestBodies() {
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains("Method <" + CONTROLLER + ".create(" + fixture("web.bad.CreateSaleRequest")
            + ")> binds @RequestBody with tenant-id field CreateSaleRequest.storeId that the client sets")
        .contains("remove the field from the request type")
        // one level down, through a list
        .contains("Method <" + CONTROLLER + ".createBatch(" + fixture("web.bad.BatchRequest")
            + ")> binds @RequestBody with tenant-id field BatchRequest.lines.registerId");
  }

  @Test
  void webLayerNeverReadsTenantIds_pathVariablesAndOwnIds() {
    // @PathVariable storeId, unrelated headers and parameters, a customer's own id, an outgoing client
    passes(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.good");
  }

  @Test
  void normalize_spellingsOfOneName() {
    assertThat(ClientTenantIdCondition.normalize("X-Company-Id")).isEqualTo("companyid");
    assertThat(ClientTenantIdCondition.normalize("company_id")).isEqualTo("companyid");
    assertThat(ClientTenantIdCondition.normalize("tenantId")).isEqualTo("tenantid");
    assertThat(ClientTenantIdCondition.normalize("xylophone")).isEqualTo("xylophone");
  }
}
