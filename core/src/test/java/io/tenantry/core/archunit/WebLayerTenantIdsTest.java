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
        .contains("was violated (17 times)")
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
  void webLayerNeverReadsTenantIds_bodyFieldsNamedTenantOrCompany() {
    String transfer = "Method <" + CONTROLLER + ".transfer(" + fixture("web.bad.TransferRequest") + ")> binds @RequestBody ";
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains(transfer + "with tenant-id field TransferRequest.company that the client sets")
        .contains(transfer + "with tenant-id field TransferRequest.target.tenant that the client sets");
  }

  @Test
  void webLayerNeverReadsTenantIds_requestPartsAndMatrixVariables() {
    String upload = fixture("web.bad.UploadController");
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains("Method <" + upload + ".upload(java.lang.String, org.springframework.web.multipart.MultipartFile)> "
            + "reads \"companyId\" with @RequestPart in (UploadController.java:")
        .contains("Method <" + upload + ".uploadWithMeta(" + upload + "$ImportMeta, "
            + "org.springframework.web.multipart.MultipartFile)> binds @RequestPart with tenant-id field ImportMeta.tenant")
        .contains("Method <" + upload + ".byMatrix(java.util.UUID)> reads \"store\" with @MatrixVariable");
  }

  /** Spring MVC applies the annotations of an implemented interface (API-first code generation). */
  @Test
  void webLayerNeverReadsTenantIds_annotationsInheritedFromAnInterface() {
    String controller = fixture("web.bad.SalesApiController");
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains("Method <" + controller + ".sales(java.util.UUID)> reads \"X-Company-Id\" with @RequestHeader "
            + "declared on <io.tenantry.core.archunit.fixtures.lib.SalesApi> in (SalesApiController.java:")
        .doesNotContain(controller + ".count(");
  }

  @Test
  void webLayerNeverReadsTenantIds_wholeBags() {
    String bags = fixture("web.bad.BagController");
    assertThat(violations(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT, "web.bad"))
        .contains("Method <" + bags + ".headers(java.util.Map)> takes every value of @RequestHeader as <java.util.Map> "
            + "in (BagController.java:")
        .contains("the build cannot see which of them the code reads; declare each value by name")
        .contains("Method <" + bags + ".parameters(org.springframework.util.MultiValueMap)> takes every value of "
            + "@RequestParam as <org.springframework.util.MultiValueMap>")
        .contains("Method <" + bags + ".httpHeaders(org.springframework.http.HttpHeaders)> takes every request header "
            + "as <org.springframework.http.HttpHeaders>")
        .contains("Method <" + bags + ".body(java.util.Map)> takes every value of @RequestBody as <java.util.Map>")
        .contains("Method <" + bags + ".request(jakarta.servlet.http.HttpServletRequest)> calls method "
            + "<jakarta.servlet.http.HttpServletRequest.getHeader(java.lang.String)> in (BagController.java:")
        .contains("a controller that reads the request's headers, parameters or cookies itself hides their names");
  }

  @Test
  void webLayerNeverReadsTenantIds_pathVariablesAndOwnIds() {
    // @PathVariable storeId, unrelated headers and parameters, a customer's own id, an outgoing client,
    // an API-first interface naming no tenant, a tenant entity as the body, by base class or annotations (its tenant columns are
    // Tenantry's), a file part, response headers, a filter reading a correlation header
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
