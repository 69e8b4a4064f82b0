package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tenantry.test.TestDatabase;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 4, over HTTP: every error has one shape, whoever answers it — the starter's security
 * filters (401, 403 for {@code X-Store-Id}), this application's handlers (400, 403, 404, 409), Spring's own
 * (405, an unknown path): {@code application/problem+json;charset=UTF-8} with {@code type}, {@code title},
 * {@code status}, {@code detail} and {@code instance}. And one rule for stores: a store the caller may not use
 * is 403 in a path exactly as in {@code X-Store-Id}, whether it is another store of the company, another
 * company's or none.
 */
class ErrorShapeTest extends RunningPos {

  String owner;
  String manager;
  UUID main;
  UUID oak;
  UUID milk;

  ErrorShapeTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void company() {
    signup("Poco Loco", "owner@shape.example");
    owner = login("owner@shape.example");
    main = store(owner, "Main St");
    oak = store(owner, "Oak Ave");
    milk = product(owner, "MILK", "3.99");
    expect(post("/api/invitations", owner, "{\"email\":\"manager@shape.example\",\"role\":\"MANAGER\",\"storeIds\":[\""
        + main + "\"]}"), 201);
    String link = context.getBean(io.tenantry.examples.pos.account.Outbox.class).to("manager@shape.example").get(0).link();
    expect(post("/api/invitations/accept", null, "{\"token\":\"" + link.substring(link.indexOf('=') + 1)
        + "\",\"password\":\"" + PASSWORD + "\"}"), 200);
    manager = login("manager@shape.example");
  }

  @Test
  void everyError_hasTheSameTypeContentTypeAndFields() {
    Map<String, HttpResponse<String>> errors = new LinkedHashMap<>();
    errors.put("401 no credentials (security)", get("/api/products", null));
    errors.put("401 a forged token (security)", get("/api/products", "not.a.token"));
    errors.put("401 an unknown register key (starter)", get("/api/products", "trk_" + "B".repeat(43)));
    errors.put("403 X-Store-Id of another store (starter)", send("GET", "/api/products", manager, oak, null));
    errors.put("403 a role (application)", post("/api/products", manager, "{\"sku\":\"X\",\"name\":\"X\",\"basePrice\":1}"));
    errors.put("400 bad JSON (MVC)", post("/api/products", owner, "{\"sku\":"));
    errors.put("400 a bad parameter (MVC)", get("/api/reports/sales?from=yesterday&to=today", owner));
    errors.put("404 unknown id (application)", get("/api/products/" + UUID.randomUUID(), owner));
    errors.put("405 a method (Spring)", send("DELETE", "/api/products", owner, null, null));
    errors.put("409 a duplicate (application)", post("/api/products", owner,
        "{\"sku\":\"MILK\",\"name\":\"X\",\"basePrice\":1}"));
    errors.forEach((what, r) -> {
      assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(Integer.parseInt(what.substring(0, 3)));
      assertThat(r.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json;charset=UTF-8");
      Map<String, Object> body = JsonPath.read(r.body(), "$");
      assertThat(body).as(what + ": " + r.body()).containsKeys("type", "title", "status", "detail", "instance")
          .containsEntry("type", "about:blank").containsEntry("status", r.statusCode());
    });
  }

  @Test
  void aStoreTheCallerMayNotUse_is403_inAPathAsInXStoreId_whetherItExistsOrNot() {
    int header = send("GET", "/api/products", manager, oak, null).statusCode();
    int path = put("/api/stores/" + oak + "/prices/" + milk, manager, "{\"price\":\"1.00\"}").statusCode();
    int unknown = put("/api/stores/" + UUID.randomUUID() + "/prices/" + milk, manager, "{\"price\":\"1.00\"}")
        .statusCode();
    int unknownHeader = send("GET", "/api/products", manager, UUID.randomUUID(), null).statusCode();
    assertThat(new int[] {header, path, unknown, unknownHeader}).containsOnly(403);
    expect(put("/api/stores/" + main + "/prices/" + milk, manager, "{\"price\":\"1.00\"}"), 200);
  }
}
