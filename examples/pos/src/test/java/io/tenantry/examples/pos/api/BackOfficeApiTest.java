package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The reads and the product edit the back-office page needs (issue 23): company name, employees,
 * today's shifts, customer search; each tried from the other company and the other store.
 */
class BackOfficeApiTest extends ApiTestBase {

  World w;

  BackOfficeApiTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  @Test
  void company_isTheCallersOwn() throws Exception {
    assertThat(read(get("/api/company", w.ownerA), "$.name").toString()).isEqualTo("Poco Loco");
    assertThat(read(get("/api/company", w.cashierA2), "$.name").toString()).isEqualTo("Poco Loco");
    assertThat(read(get("/api/company", w.ownerB), "$.name").toString()).isEqualTo("Corner Deli");
    assertThat(read(get("/api/company", w.keyB1), "$.name").toString()).isEqualTo("Corner Deli");
    assertThat(get("/api/company", null).getStatus()).isEqualTo(401);
  }

  @Test
  void employees_listOnlyTheCallersStores() throws Exception {
    post("/api/employees", w.ownerA, "{\"name\":\"Zoe\",\"storeIds\":[\"" + w.storeA2 + "\"]}");
    assertThat((List<String>) read(get("/api/employees", w.ownerA), "$[*].name")).contains("Ana", "Zoe")
        .doesNotContain("Bob");
    assertThat((List<String>) read(get("/api/employees", w.managerA1), "$[*].name")).contains("Ana")
        .doesNotContain("Zoe", "Bob");
    assertThat((List<String>) read(get("/api/employees", w.cashierA2), "$[*].name")).contains("Zoe")
        .doesNotContain("Ana", "Bob");
    assertThat((List<String>) read(get("/api/employees", w.ownerB), "$[*].name")).containsExactly("Bob");
    assertThat((List<String>) read(call(HttpMethod.GET, "/api/employees", w.ownerA, w.storeA1, null), "$[*].name"))
        .contains("Ana").doesNotContain("Zoe");
  }

  @Test
  void timeClockToday_showsTheSelectedStoresShifts() throws Exception {
    MockHttpServletResponse in = call(HttpMethod.POST, "/api/time-clock/clock-in", w.managerA1, w.storeA1,
        "{\"employeeId\":\"" + w.employeeA1 + "\"}");
    assertThat(in.getStatus()).as(body(in)).isEqualTo(201);
    MockHttpServletResponse today = call(HttpMethod.GET, "/api/time-clock/today", w.managerA1, w.storeA1, null);
    assertThat((List<String>) read(today, "$[*].employeeId")).contains(w.employeeA1.toString());
    // the other store and the other company see none of it
    assertThat((List<String>) read(call(HttpMethod.GET, "/api/time-clock/today", w.ownerA, w.storeA2, null),
        "$[*].employeeId")).doesNotContain(w.employeeA1.toString());
    assertThat(call(HttpMethod.GET, "/api/time-clock/today", w.ownerB, w.storeA1, null).getStatus()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/time-clock/today", w.ownerA, null, null).getStatus()).isEqualTo(400);
    call(HttpMethod.POST, "/api/time-clock/clock-out", w.managerA1, w.storeA1, "{\"employeeId\":\"" + w.employeeA1 + "\"}");
  }

  @Test
  void customers_searchWithinTheCompany() throws Exception {
    post("/api/customers", w.ownerB, "{\"name\":\"Rosalind\"}");
    assertThat((List<String>) read(get("/api/customers?q=ros", w.cashierA2), "$[*].name")).containsExactly("Rosa");
    assertThat((List<String>) read(get("/api/customers?q=ros", w.ownerB), "$[*].name")).containsExactly("Rosalind");
    assertThat((List<String>) read(get("/api/customers?q=%25", w.ownerA), "$[*].name")).isEmpty();
    assertThat((List<String>) read(get("/api/customers", w.ownerA), "$[*].name")).contains("Rosa").doesNotContain("Ben");
  }

  @Test
  void productEdit_ownerOnly_sameCompanyOnly_overridesStay() throws Exception {
    MockHttpServletResponse edited = call(HttpMethod.PUT, "/api/products/" + w.breadA, w.ownerA, null,
        "{\"name\":\"Bread loaf\",\"basePrice\":\"2.25\"}");
    assertThat(edited.getStatus()).as(body(edited)).isEqualTo(200);
    assertThat(read(edited, "$.basePrice").toString()).isEqualTo("2.25");
    assertThat(call(HttpMethod.PUT, "/api/products/" + w.milkA, w.managerA1, null,
        "{\"name\":\"x\",\"basePrice\":\"1.00\"}").getStatus()).isEqualTo(403);
    assertThat(call(HttpMethod.PUT, "/api/products/" + w.milkA, w.ownerB, null,
        "{\"name\":\"x\",\"basePrice\":\"1.00\"}").getStatus()).isEqualTo(404);
    assertThat(call(HttpMethod.PUT, "/api/products/" + w.milkA, w.ownerA, null,
        "{\"name\":\"\",\"basePrice\":\"1.00\"}").getStatus()).isEqualTo(400);
    assertThat(read(get("/api/products/" + w.milkA, w.ownerA), "$.name").toString()).isEqualTo("MILK");
    // the register's delta sync picks the edit up
    assertThat((List<String>) read(get("/api/sync/catalog?since=0", w.keyA1), "$.products[*].name")).contains("Bread loaf");
  }

  @Test
  void registers_listed_keyReissued_andRevoked_onlyInTheCallersStores() throws Exception {
    MockHttpServletResponse list = get("/api/stores/" + w.storeA1 + "/registers", w.managerA1);
    assertThat(list.getStatus()).as(body(list)).isEqualTo(200);
    assertThat((List<String>) read(list, "$[*].name")).containsExactly("R1");
    assertThat(body(list)).doesNotContain("trk_");
    // another store, another company: 403 like a store that does not exist (and like X-Store-Id naming it)
    assertThat(get("/api/stores/" + w.storeA2 + "/registers", w.managerA1).getStatus()).isEqualTo(403);
    assertThat(get("/api/stores/" + w.storeA1 + "/registers", w.ownerB).getStatus()).isEqualTo(403);
    assertThat(get("/api/stores/" + UUID.randomUUID() + "/registers", w.ownerB).getStatus()).isEqualTo(403);
    assertThat(post("/api/stores/" + w.storeA1 + "/registers/" + w.registerA1 + "/keys", w.ownerB, null).getStatus())
        .isEqualTo(403);
    assertThat(get("/api/stores/" + w.storeA1 + "/registers", w.cashierA2).getStatus()).isEqualTo(403);

    MockHttpServletResponse issued = post("/api/stores/" + w.storeA1 + "/registers/" + w.registerA1 + "/keys",
        w.managerA1, null);
    assertThat(issued.getStatus()).as(body(issued)).isEqualTo(201);
    String key = read(issued, "$.apiKey");
    assertThat(get("/api/company", key).getStatus()).isEqualTo(200);
    List<String> keyIds = read(get("/api/stores/" + w.storeA1 + "/registers", w.ownerA), "$[0].keys[*].id");
    assertThat(keyIds).hasSize(2);
    String newest = keyIds.get(0);
    assertThat(call(HttpMethod.DELETE, "/api/stores/" + w.storeA1 + "/register-keys/" + newest, w.ownerB, null, null)
        .getStatus()).isEqualTo(403);
    assertThat(get("/api/company", key).getStatus()).isEqualTo(200);
    assertThat(call(HttpMethod.DELETE, "/api/stores/" + w.storeA1 + "/register-keys/" + newest, w.managerA1, null, null)
        .getStatus()).isEqualTo(204);
    assertThat(get("/api/company", key).getStatus()).isEqualTo(401);
    assertThat(get("/api/company", w.keyA1).getStatus()).as("the register's first key still works").isEqualTo(200);
  }
}
