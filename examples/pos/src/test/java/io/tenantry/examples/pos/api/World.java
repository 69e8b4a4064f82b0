package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Two companies made through the API. Company A ("Poco Loco") has stores A1 (register a1) and A2
 * (register a2), a product priced 3.99 with 3.49 at A1, a manager of A1, a cashier of A2, an employee
 * assigned to A1 and a customer. Company B has store B1 (register b1), its own product, employee and
 * customer.
 */
final class World {

  String ownerA, managerA1, cashierA2, ownerB;
  UUID companyA, companyB, storeA1, storeA2, storeB1, registerA1, registerA2, registerB1;
  String keyA1, keyA2, keyB1;
  UUID milkA, breadA, milkB, employeeA1, employeeB, customerA, customerB;

  static World create(ApiTestBase t) throws Exception {
    World w = new World();
    w.companyA = signup(t, "Poco Loco", "owner-a@test.example");
    w.companyB = signup(t, "Corner Deli", "owner-b@test.example");
    w.ownerA = login(t, "owner-a@test.example");
    w.ownerB = login(t, "owner-b@test.example");
    w.storeA1 = store(t, w.ownerA, "Main St");
    w.storeA2 = store(t, w.ownerA, "Oak Ave");
    w.storeB1 = store(t, w.ownerB, "Downtown");
    MockHttpServletResponse r = t.post("/api/stores/" + w.storeA1 + "/registers", w.ownerA, "{\"name\":\"R1\"}");
    w.registerA1 = ApiTestBase.id(r, "$.id");
    w.keyA1 = ApiTestBase.read(r, "$.apiKey");
    r = t.post("/api/stores/" + w.storeA2 + "/registers", w.ownerA, "{\"name\":\"R1\"}");
    w.registerA2 = ApiTestBase.id(r, "$.id");
    w.keyA2 = ApiTestBase.read(r, "$.apiKey");
    r = t.post("/api/stores/" + w.storeB1 + "/registers", w.ownerB, "{\"name\":\"R1\"}");
    w.registerB1 = ApiTestBase.id(r, "$.id");
    w.keyB1 = ApiTestBase.read(r, "$.apiKey");
    w.milkA = product(t, w.ownerA, "MILK", "3.99");
    w.breadA = product(t, w.ownerA, "BREAD", "2.00");
    w.milkB = product(t, w.ownerB, "MILK", "2.00");
    assertThat(t.call(org.springframework.http.HttpMethod.PUT, "/api/stores/" + w.storeA1 + "/prices/" + w.milkA,
        w.ownerA, null, "{\"price\":\"3.49\"}").getStatus()).isEqualTo(200);
    user(t, w.ownerA, "manager-a1@test.example", "MANAGER", w.storeA1);
    user(t, w.ownerA, "cashier-a2@test.example", "CASHIER", w.storeA2);
    w.managerA1 = login(t, "manager-a1@test.example");
    w.cashierA2 = login(t, "cashier-a2@test.example");
    w.employeeA1 = ApiTestBase.id(t.post("/api/employees", w.ownerA,
        "{\"name\":\"Ana\",\"storeIds\":[\"" + w.storeA1 + "\"]}"), "$.id");
    w.employeeB = ApiTestBase.id(t.post("/api/employees", w.ownerB,
        "{\"name\":\"Bob\",\"storeIds\":[\"" + w.storeB1 + "\"]}"), "$.id");
    w.customerA = ApiTestBase.id(t.post("/api/customers", w.ownerA, "{\"name\":\"Rosa\",\"phone\":\"1\"}"), "$.id");
    w.customerB = ApiTestBase.id(t.post("/api/customers", w.ownerB, "{\"name\":\"Ben\"}"), "$.id");
    return w;
  }

  /** Signs up and confirms from the link mailed to {@code email} (the Outbox), with the password secret-123. */
  static UUID signup(ApiTestBase t, String company, String email) throws Exception {
    MockHttpServletResponse r = t.post("/api/signup", null,
        "{\"companyName\":\"" + company + "\",\"email\":\"" + email + "\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(202);
    String link = t.outbox.to(email).get(0).link();
    assertThat(link).contains("#signup=sgn_");
    r = t.post("/api/signup/confirm", null, "{\"token\":\"" + link.substring(link.indexOf("#signup=") + 8)
        + "\",\"password\":\"secret-123\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    return ApiTestBase.id(r, "$.companyId");
  }

  static String login(ApiTestBase t, String email) throws Exception {
    MockHttpServletResponse r = t.post("/api/auth/login", null,
        "{\"email\":\"" + email + "\",\"password\":\"secret-123\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
    return ApiTestBase.read(r, "$.token");
  }

  static UUID store(ApiTestBase t, String token, String name) throws Exception {
    MockHttpServletResponse r = t.post("/api/stores", token, "{\"name\":\"" + name + "\",\"timezone\":\"America/Chicago\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    return ApiTestBase.id(r, "$.id");
  }

  static UUID product(ApiTestBase t, String token, String sku, String price) throws Exception {
    MockHttpServletResponse r = t.post("/api/products", token,
        "{\"sku\":\"" + sku + "\",\"name\":\"" + sku + "\",\"basePrice\":\"" + price + "\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    return ApiTestBase.id(r, "$.id");
  }

  /** Invites {@code email} and accepts the invitation from the link mailed to it, with the password secret-123. */
  static void user(ApiTestBase t, String token, String email, String role, UUID store) throws Exception {
    MockHttpServletResponse r = t.post("/api/invitations", token, "{\"email\":\"" + email + "\",\"role\":\"" + role
        + "\",\"storeIds\":[\"" + store + "\"]}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
    String link = t.outbox.to(email).get(0).link();
    r = t.post("/api/invitations/accept", null, "{\"token\":\"" + link.substring(link.indexOf("#invitation=") + 12)
        + "\",\"password\":\"secret-123\"}");
    assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(200);
  }

  static String sale(String clientSaleId, UUID product, int quantity) {
    return "{\"clientSaleId\":\"" + clientSaleId + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":"
        + quantity + "}]}";
  }
}
