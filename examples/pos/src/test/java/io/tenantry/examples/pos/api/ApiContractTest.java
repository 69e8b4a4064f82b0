package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.product.Product;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRls;
import jakarta.persistence.EntityManager;
import io.tenantry.test.TestDatabase;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;

/** Issue 7's API contract, endpoint by endpoint, as a new user would try it (both companies, two stores). */
class ApiContractTest extends ApiTestBase {

  World w;

  ApiContractTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  @Test
  void migratedSchema_passesTheIsolationAudit() {
    IsolationAudit.of(db.adminDataSource()).appRole(app.name()).run().assertClean();
  }

  /**
   * Requests go through the RLS DataSource, and tenant-owned entities are read through Tenantry's scoping
   * persisters (the POS has no setting that changes either: ArchitectureTest).
   */
  @Test
  void defaultApp_hasIsolationOn(@Autowired DataSource dataSource, @Autowired EntityManager em) {
    assertThat(TenantryRls.isWrapped(dataSource)).as("requests use TenantryRls.dataSource").isTrue();
    String persister = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
        .getEntityDescriptor(Product.class).getClass().getName();
    assertThat(persister).startsWith("io.tenantry.hibernate.internal.Scoped");
  }

  @Test
  void signup_ofATakenEmail_answersLikeAnyOther_andCreatesNothing_andLoginWrongPassword_401() throws Exception {
    long companies = rows("tenantry_company");
    MockHttpServletResponse taken = post("/api/signup", null, "{\"companyName\":\"X\",\"email\":\"OWNER-A@test.example\"}");
    MockHttpServletResponse free = post("/api/signup", null, "{\"companyName\":\"X\",\"email\":\"free@test.example\"}");
    assertThat(taken.getStatus()).isEqualTo(202);
    assertThat(taken.getContentAsString()).isEqualTo(free.getContentAsString());
    assertThat(rows("tenantry_company")).isEqualTo(companies);
    assertThat(post("/api/auth/login", null, "{\"email\":\"owner-a@test.example\",\"password\":\"wrong-pass\"}")
        .getStatus()).isEqualTo(401);
    assertThat(post("/api/auth/login", null, "{\"email\":\"nobody@test.example\",\"password\":\"secret-123\"}")
        .getStatus()).isEqualTo(401);
  }

  @Test
  void me_listsGrantedStores() throws Exception {
    MockHttpServletResponse me = get("/api/me", w.ownerA);
    assertThat(me.getStatus()).isEqualTo(200);
    assertThat(read(me, "$.role").toString()).isEqualTo("OWNER");
    assertThat(read(me, "$.companyId").toString()).isEqualTo(w.companyA.toString());
    assertThat((List<String>) read(me, "$.stores[*].name")).containsExactlyInAnyOrder("Main St", "Oak Ave");
    assertThat((List<String>) read(get("/api/me", w.managerA1), "$.stores[*].name")).containsExactly("Main St");
  }

  @Test
  void stores_ownerOnlyCreates_andEachSeesItsOwn() throws Exception {
    assertThat(post("/api/stores", w.managerA1, "{\"name\":\"New\",\"timezone\":\"UTC\"}").getStatus()).isEqualTo(403);
    assertThat((List<String>) read(get("/api/stores", w.managerA1), "$[*].name")).containsExactly("Main St");
    assertThat((List<String>) read(get("/api/stores", w.ownerB), "$[*].name")).containsExactly("Downtown");
    assertThat(post("/api/stores", w.ownerA, "{\"name\":\"Bad\",\"timezone\":\"Mars/Base\"}").getStatus()).isEqualTo(400);
  }

  @Test
  void products_effectivePrice_followsTheSelectedStore() throws Exception {
    assertThat(read(get("/api/products/" + w.milkA, w.ownerA), "$.price").toString()).isEqualTo("3.99");
    assertThat(read(call(HttpMethod.GET, "/api/products/" + w.milkA, w.ownerA, w.storeA1, null), "$.price").toString())
        .isEqualTo("3.49");
    assertThat(read(call(HttpMethod.GET, "/api/products/" + w.milkA, w.ownerA, w.storeA2, null), "$.price").toString())
        .isEqualTo("3.99");
    assertThat(read(get("/api/products/" + w.milkA, w.keyA1), "$.price").toString()).isEqualTo("3.49");
    assertThat(read(get("/api/products/" + w.milkA, w.ownerA), "$.basePrice").toString()).isEqualTo("3.99");
    assertThat(post("/api/products", w.ownerA, "{\"sku\":\"MILK\",\"name\":\"again\",\"basePrice\":\"1.00\"}")
        .getStatus()).isEqualTo(409);
    // the same SKU in another company is not a conflict (THREATS 14)
    assertThat(post("/api/products", w.ownerB, "{\"sku\":\"BREAD\",\"name\":\"b\",\"basePrice\":1}").getStatus())
        .isEqualTo(201);
  }

  @Test
  void priceOverride_putAndDelete_managerOfTheStoreOnly() throws Exception {
    String path = "/api/stores/" + w.storeA1 + "/prices/" + w.breadA;
    MockHttpServletResponse put = call(HttpMethod.PUT, path, w.managerA1, null, "{\"price\":\"1.75\"}");
    assertThat(put.getStatus()).isEqualTo(200);
    assertThat(read(put, "$.price").toString()).isEqualTo("1.75");
    assertThat(read(get("/api/products/" + w.breadA, w.keyA1), "$.price").toString()).isEqualTo("1.75");
    assertThat(call(HttpMethod.DELETE, path, w.managerA1, null, null).getStatus()).isEqualTo(204);
    assertThat(read(get("/api/products/" + w.breadA, w.keyA1), "$.price").toString()).isEqualTo("2.00");
    // a manager of A1 cannot price A2; a cashier cannot price at all
    assertThat(call(HttpMethod.PUT, "/api/stores/" + w.storeA2 + "/prices/" + w.breadA, w.managerA1, null,
        "{\"price\":\"1.00\"}").getStatus()).as("the same 403 as X-Store-Id of that store").isEqualTo(403);
    assertThat(call(HttpMethod.PUT, "/api/stores/" + w.storeA2 + "/prices/" + w.breadA, w.cashierA2, null,
        "{\"price\":\"1.00\"}").getStatus()).isEqualTo(403);
  }

  @Test
  void users_andRegisters_onlyTheRolesThatMayCreateThem() throws Exception {
    long users = rows("tenantry_membership");
    long invitations = rows("pos_invitation");
    String newUser = "{\"email\":\"x-%s@test.example\",\"role\":\"CASHIER\",\"storeIds\":[\"" + w.storeA1 + "\"]}";
    assertThat(post("/api/invitations", w.managerA1, newUser.formatted("m")).getStatus()).isEqualTo(403);
    assertThat(post("/api/invitations", w.cashierA2, newUser.formatted("c")).getStatus()).isEqualTo(403);
    assertThat(post("/api/invitations", w.keyA1, newUser.formatted("k")).getStatus()).isEqualTo(403);
    // the old "add a user with a password" is gone: an owner invites
    assertThat(post("/api/users", w.ownerA, "{\"email\":\"x-o@test.example\",\"password\":\"secret-123\","
        + "\"role\":\"CASHIER\",\"storeIds\":[]}").getStatus()).isIn(404, 405);
    assertThat(rows("tenantry_membership")).isEqualTo(users);
    assertThat(rows("pos_invitation")).isEqualTo(invitations);
    long registers = rows("tenantry_register");
    assertThat(post("/api/stores/" + w.storeA1 + "/registers", w.cashierA2, "{\"name\":\"R9\"}").getStatus())
        .isIn(403, 404);
    assertThat(post("/api/stores/" + w.storeA2 + "/registers", w.managerA1, "{\"name\":\"R9\"}").getStatus())
        .as("a manager of Main St at Oak Ave").isIn(403, 404);
    assertThat(post("/api/stores/" + w.storeB1 + "/registers", w.ownerA, "{\"name\":\"R9\"}").getStatus())
        .as("another company's store").isEqualTo(403);
    assertThat(rows("tenantry_register")).isEqualTo(registers);
  }

  @Test
  void settings_companyValue_storeOverride_rolesAndIsolation() throws Exception {
    assertThat(call(HttpMethod.PUT, "/api/settings", w.ownerA, null, "{\"taxRate\":\"0.0700\",\"receiptFooter\":\"Gracias\"}")
        .getStatus()).isEqualTo(200);
    assertThat(call(HttpMethod.PUT, "/api/settings", w.managerA1, w.storeA1, "{\"taxRate\":\"0.0825\"}").getStatus())
        .isEqualTo(200);
    assertThat(read(get("/api/settings", w.keyA1), "$.taxRate").toString()).startsWith("0.0825");
    assertThat(read(get("/api/settings", w.keyA1), "$.receiptFooter").toString()).isEqualTo("Gracias");
    assertThat(read(get("/api/settings", w.keyA2), "$.taxRate").toString()).startsWith("0.07");
    assertThat(read(get("/api/settings", w.ownerB), "$.taxRate").toString()).as("company B keeps its own")
        .doesNotStartWith("0.07");
    assertThat(call(HttpMethod.PUT, "/api/settings", w.cashierA2, null, "{\"taxRate\":\"0.5\"}").getStatus())
        .as("a cashier sets nothing").isEqualTo(403);
    assertThat(read(get("/api/settings", w.keyA2), "$.taxRate").toString()).startsWith("0.07");
    assertThat(call(HttpMethod.PUT, "/api/settings", w.ownerA, null, "{\"taxRate\":\"1.5\"}").getStatus())
        .isEqualTo(400);
  }

  @Test
  void timeClock_assignedEmployeeOnly() throws Exception {
    String punch = "{\"employeeId\":\"" + w.employeeA1 + "\"}";
    assertThat(post("/api/time-clock/clock-in", w.keyA2, punch).getStatus()).isEqualTo(403);
    MockHttpServletResponse in = post("/api/time-clock/clock-in", w.keyA1, punch);
    assertThat(in.getStatus()).isEqualTo(201);
    assertThat(read(in, "$.storeId").toString()).isEqualTo(w.storeA1.toString());
    assertThat(post("/api/time-clock/clock-in", w.keyA1, punch).getStatus()).isEqualTo(409);
    assertThat(call(HttpMethod.POST, "/api/time-clock/clock-out", w.ownerA, w.storeA1, punch).getStatus()).isEqualTo(200);
    assertThat(post("/api/time-clock/clock-out", w.keyA1, punch).getStatus()).isEqualTo(409);
    // without a store there is nothing to clock in at
    assertThat(post("/api/time-clock/clock-in", w.ownerA, punch).getStatus()).isEqualTo(400);
  }

  @Test
  void sale_pricedOnTheServer_loyaltyAtAnyStore_reportAndNarrowing() throws Exception {
    MockHttpServletResponse sale = post("/api/sales", w.keyA1, "{\"clientSaleId\":\"c-1\",\"customerId\":\""
        + w.customerA + "\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":3,\"unitPrice\":\"0.01\"}]}");
    assertThat(sale.getStatus()).as(body(sale)).isEqualTo(201);
    assertThat(read(sale, "$.lines[0].unitPrice").toString()).isEqualTo("3.49");
    assertThat(read(sale, "$.lines[0].lineTotal").toString()).isEqualTo("10.47");
    assertThat(read(sale, "$.total").toString()).isEqualTo("10.47");
    assertThat(read(sale, "$.storeId").toString()).isEqualTo(w.storeA1.toString());
    assertThat(read(sale, "$.registerId").toString()).isEqualTo(w.registerA1.toString());
    MockHttpServletResponse other = post("/api/sales", w.keyA2, "{\"clientSaleId\":\"c-1\",\"customerId\":\""
        + w.customerA + "\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":1}]}");
    assertThat(other.getStatus()).as("another register may use the same clientSaleId").isEqualTo(201);
    assertThat(read(other, "$.total").toString()).isEqualTo("3.99");
    assertThat(((Number) read(get("/api/customers/" + w.customerA, w.keyA2), "$.loyaltyPoints")).longValue())
        .isEqualTo(10 + 3);
    assertThat(get("/api/sales/" + read(sale, "$.id"), w.ownerA).getStatus()).isEqualTo(200);

    String today = LocalDate.now(java.time.ZoneId.of("America/Chicago")).toString();
    String report = "/api/reports/sales?from=" + LocalDate.parse(today).minusDays(1) + "&to=" + today;
    MockHttpServletResponse all = get(report, w.ownerA);
    assertThat(all.getStatus()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) read(all, "$.byStore")).hasSize(2);
    MockHttpServletResponse manager = get(report, w.managerA1);
    assertThat((List<String>) read(manager, "$.byStore[*].storeName")).containsExactly("Main St");
    MockHttpServletResponse narrowed = call(HttpMethod.GET, report, w.ownerA, w.storeA2, null);
    assertThat((List<String>) read(narrowed, "$.byStore[*].storeName")).containsExactly("Oak Ave");
    assertThat(get(report, w.cashierA2).getStatus()).isEqualTo(403);
    assertThat(get(report, w.keyA1).getStatus()).isEqualTo(403);
  }

  @Test
  void syncCatalog_storePrices_andOnlyChangesAfterTheCursor() throws Exception {
    MockHttpServletResponse full = get("/api/sync/catalog", w.keyA1);
    assertThat(full.getStatus()).isEqualTo(200);
    String cursor = read(full, "$.cursor");
    assertThat((List<String>) read(full, "$.products[?(@.sku == 'MILK')].price")).containsExactly("3.49");
    assertThat((List<Object>) read(get("/api/sync/catalog?since=" + cursor, w.keyA1), "$.products")).isEmpty();
    // an override at the other store is not a change for this register
    call(HttpMethod.PUT, "/api/stores/" + w.storeA2 + "/prices/" + w.milkA, w.ownerA, null, "{\"price\":\"3.79\"}");
    assertThat((List<Object>) read(get("/api/sync/catalog?since=" + cursor, w.keyA1), "$.products")).isEmpty();
    MockHttpServletResponse a2 = get("/api/sync/catalog?since=" + cursor, w.keyA2);
    assertThat((List<String>) read(a2, "$.products[*].price")).containsExactly("3.79");
    call(HttpMethod.DELETE, "/api/stores/" + w.storeA2 + "/prices/" + w.milkA, w.ownerA, null, null);
    assertThat((List<String>) read(get("/api/sync/catalog?since=" + read(a2, "$.cursor"), w.keyA2), "$.products[*].price"))
        .containsExactly("3.99");
    assertThat(get("/api/sync/catalog", w.ownerA).getStatus()).isEqualTo(403);
    assertThat(get("/api/sync/catalog?since=abc", w.keyA1).getStatus()).isEqualTo(400);
  }

  @Test
  void badInput_400WithDetail_andNothingWritten() throws Exception {
    long sales = rows("pos_sale");
    long products = rows("pos_product");
    String[][] cases = {
        {"/api/sales", "{not json"},
        {"/api/sales", "{\"clientSaleId\":\"b1\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":0}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b2\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":-2}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b3\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":10001}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b4\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":1.5}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b5\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":\"many\"}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b6\",\"lines\":[{\"productId\":\"not-a-uuid\",\"quantity\":1}]}"},
        {"/api/sales", "{\"clientSaleId\":\"" + "x".repeat(65) + "\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":1}]}"},
        {"/api/sales", "{\"clientSaleId\":\"b7\",\"lines\":[]}"},
    };
    for (String[] c : cases) {
      MockHttpServletResponse r = post(c[0], w.keyA1, c[1]);
      assertThat(r.getStatus()).as(c[1]).isEqualTo(400);
      assertThat(r.getContentType()).as(c[1]).startsWith("application/problem+json");
      assertThat(read(r, "$.detail").toString()).as(c[1]).isNotBlank();
    }
    String[] productCases = {
        "{\"sku\":\"N1\",\"name\":\"n\",\"basePrice\":\"-1.00\"}",
        "{\"sku\":\"N2\",\"name\":\"n\",\"basePrice\":\"1.234\"}",
        "{\"sku\":\"N3\",\"name\":\"" + "n".repeat(201) + "\",\"basePrice\":\"1.00\"}",
        "{\"sku\":\"N4\",\"name\":\"n\",\"basePrice\":\"abc\"}",
        "{\"sku\":\"N5\",\"name\":\"n\"}",
    };
    for (String c : productCases) {
      MockHttpServletResponse r = post("/api/products", w.ownerA, c);
      assertThat(r.getStatus()).as(c).isEqualTo(400);
      assertThat(read(r, "$.detail").toString()).as(c).isNotBlank();
    }
    assertThat(get("/api/products/not-a-uuid", w.ownerA).getStatus()).isEqualTo(400);
    assertThat(get("/api/reports/sales?from=yesterday&to=2025-01-01", w.ownerA).getStatus()).isEqualTo(400);
    assertThat(rows("pos_sale")).isEqualTo(sales);
    assertThat(rows("pos_product")).isEqualTo(products);
  }
}
