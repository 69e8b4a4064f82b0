package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import io.tenantry.spring.test.TestTokens;

/**
 * THREATS 19–22 and 27 over HTTP, between two companies and between two stores of one company. Each
 * attack asserts the answer and that the database did not change.
 */
class IsolationThreatsTest extends ApiTestBase {

  World w;

  @Autowired
  JwtEncoder encoder;

  IsolationThreatsTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void world() throws Exception {
    w = World.create(this);
  }

  // 19: the tenant never comes from a body or a header the client controls

  @Test
  void t19_companyAndStoreInTheBody_decideNothing() throws Exception {
    MockHttpServletResponse r = post("/api/products", w.ownerA, "{\"sku\":\"MASS\",\"name\":\"m\",\"basePrice\":\"1.00\","
        + "\"companyId\":\"" + w.companyB + "\",\"storeId\":\"" + w.storeB1 + "\"}");
    assertThat(r.getStatus()).isEqualTo(201);
    assertThat(get("/api/products/" + read(r, "$.id"), w.ownerA).getStatus()).isEqualTo(200);
    assertThat(get("/api/products/" + read(r, "$.id"), w.ownerB).getStatus()).isEqualTo(404);
    MockHttpServletResponse sale = post("/api/sales", w.keyA1, "{\"clientSaleId\":\"t19\",\"storeId\":\"" + w.storeA2
        + "\",\"registerId\":\"" + w.registerB1 + "\",\"companyId\":\"" + w.companyB + "\",\"lines\":[{\"productId\":\""
        + w.milkA + "\",\"quantity\":1}]}");
    assertThat(sale.getStatus()).isEqualTo(201);
    assertThat(read(sale, "$.storeId").toString()).isEqualTo(w.storeA1.toString());
    assertThat(read(sale, "$.registerId").toString()).isEqualTo(w.registerA1.toString());
  }

  @Test
  void t19_tenantHeaders_areIgnored_andXStoreIdOutsideTheGrants_isRefused() throws Exception {
    MockHttpServletResponse r = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
        .get("/api/products/" + w.milkB).header("Authorization", "Bearer " + w.ownerA)
        .header("X-Tenant-Id", w.companyB.toString()).header("X-Company-Id", w.companyB.toString())).andReturn().getResponse();
    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(call(HttpMethod.GET, "/api/products", w.ownerA, w.storeB1, null).getStatus()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/products", w.managerA1, w.storeA2, null).getStatus()).isEqualTo(403);
    assertThat(call(HttpMethod.GET, "/api/products", w.keyA1, w.storeA2, null).getStatus()).isEqualTo(403);
  }

  // 20: forged tokens

  @Test
  void t20_forgedTokens_401() throws Exception {
    String[] parts = w.ownerA.split("\\.");
    String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
        .replace(w.companyA.toString(), w.companyB.toString());
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(payload.getBytes()) + "." + parts[2];
    String none = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
        + "." + parts[1] + ".";
    TestTokens otherKey = TestTokens.generate("urn:tenantry:pos");
    String foreign = otherKey.token().company(w.companyB).role("OWNER").sign();
    Instant past = Instant.now().minusSeconds(3600);
    String expired = mint(JwtClaimsSet.builder().issuer("urn:tenantry:pos").subject(UUID.randomUUID().toString())
        .issuedAt(past.minusSeconds(60)).expiresAt(past));
    String wrongIssuer = mint(JwtClaimsSet.builder().issuer("https://evil.example").subject(UUID.randomUUID().toString())
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)));
    for (String token : List.of(tampered, none, foreign, expired, wrongIssuer)) {
      MockHttpServletResponse r = get("/api/products", token);
      assertThat(r.getStatus()).as(token).isEqualTo(401);
      assertThat(r.getContentType()).startsWith("application/problem+json");
    }
    assertThat(get("/api/products", null).getStatus()).isEqualTo(401);
  }

  private String mint(JwtClaimsSet.Builder claims) {
    claims.claim("company_id", w.companyB.toString()).claim("role", "OWNER").claim("store_ids", "*");
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
        .getTokenValue();
  }

  // 21: a register key acts only for its own register, store and company

  @Test
  void t21_registerKey_ofOneStore_cannotActInAnother() throws Exception {
    long sales = rows("pos_sale");
    // another company's product: refused as unknown
    assertThat(post("/api/sales", w.keyA1, World.sale("t21-a", w.milkB, 1)).getStatus()).isEqualTo(404);
    // the other store's employee: refused at this store
    assertThat(post("/api/time-clock/clock-in", w.keyA2, "{\"employeeId\":\"" + w.employeeA1 + "\"}").getStatus())
        .isEqualTo(403);
    assertThat(post("/api/time-clock/clock-in", w.keyA1, "{\"employeeId\":\"" + w.employeeB + "\"}").getStatus())
        .isEqualTo(404);
    // another company's customer
    assertThat(post("/api/sales", w.keyA1, "{\"clientSaleId\":\"t21-b\",\"customerId\":\"" + w.customerB
        + "\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":1}]}").getStatus()).isEqualTo(404);
    assertThat(rows("pos_sale")).isEqualTo(sales);
    assertThat(rows("pos_time_entry")).isZero();
    // one register does not see another register's sale, even in the same store's company
    UUID sale = id(post("/api/sales", w.keyA1, World.sale("t21-c", w.milkA, 1)), "$.id");
    assertThat(get("/api/sales/" + sale, w.keyA2).getStatus()).isEqualTo(404);
    assertThat(get("/api/sales/" + sale, w.keyB1).getStatus()).isEqualTo(404);
    assertThat(get("/api/sales/" + sale, w.keyA1).getStatus()).isEqualTo(200);
    // a revoked or made-up key is refused
    assertThat(get("/api/products", "trk_" + "A".repeat(43)).getStatus()).isEqualTo(401);
  }

  // 22: another tenant's id looks exactly like an id that does not exist

  @Test
  void t22_anotherCompanysIds_answer404_likeUnknownIds() throws Exception {
    UUID unknown = UUID.randomUUID();
    UUID saleB = id(post("/api/sales", w.keyB1, World.sale("t22", w.milkB, 1)), "$.id");
    for (String[] c : new String[][] {{"/api/products/", w.milkB.toString()}, {"/api/customers/", w.customerB.toString()},
        {"/api/sales/", saleB.toString()}}) {
      MockHttpServletResponse foreign = get(c[0] + c[1], w.ownerA);
      MockHttpServletResponse missing = get(c[0] + unknown, w.ownerA);
      assertThat(foreign.getStatus()).as(c[0]).isEqualTo(404);
      assertThat(missing.getStatus()).as(c[0]).isEqualTo(404);
      assertThat(body(foreign).replace(c[1], "ID")).as("same answer for a foreign and an unknown id")
          .isEqualTo(body(missing).replace(unknown.toString(), "ID"));
    }
    long prices = rows("pos_store_price");
    // a store the caller may not use is 403 whether it exists or not (issue 22, item 4): it reveals nothing either
    assertThat(call(HttpMethod.PUT, "/api/stores/" + w.storeB1 + "/prices/" + w.milkA, w.ownerA, null,
        "{\"price\":\"1.00\"}").getStatus()).isEqualTo(403);
    assertThat(body(call(HttpMethod.PUT, "/api/stores/" + w.storeB1 + "/prices/" + w.milkA, w.ownerA, null,
        "{\"price\":\"1.00\"}"))).isEqualTo(body(call(HttpMethod.PUT, "/api/stores/" + unknown + "/prices/" + w.milkA,
        w.ownerA, null, "{\"price\":\"1.00\"}")).replace(unknown.toString(), w.storeB1.toString()));
    assertThat(call(HttpMethod.PUT, "/api/stores/" + w.storeA1 + "/prices/" + w.milkB, w.ownerA, null,
        "{\"price\":\"1.00\"}").getStatus()).isEqualTo(404);
    assertThat(post("/api/stores/" + w.storeB1 + "/registers", w.ownerA, "{\"name\":\"X\"}").getStatus()).isEqualTo(403);
    assertThat(post("/api/employees", w.ownerA, "{\"name\":\"X\",\"storeIds\":[\"" + w.storeB1 + "\"]}").getStatus())
        .isEqualTo(403);
    assertThat(rows("pos_store_price")).isEqualTo(prices);
    assertThat(rows("tenantry_register")).isEqualTo(3);
    // ids are random (UUIDv7), not a sequence a caller could walk
    assertThat(w.milkA.version()).isEqualTo(7);
  }

  // 27: a register retrying a sale after a timeout gets exactly one sale

  @Test
  void t27_retriedSale_isRecordedOnce_alsoWhenConcurrent() throws Exception {
    long before = rows("pos_sale");
    MockHttpServletResponse first = post("/api/sales", w.keyA2, World.sale("retry-1", w.milkA, 2));
    MockHttpServletResponse retry = post("/api/sales", w.keyA2, World.sale("retry-1", w.milkA, 2));
    assertThat(first.getStatus()).isEqualTo(201);
    assertThat(retry.getStatus()).isEqualTo(200);
    assertThat(read(retry, "$.id").toString()).isEqualTo(read(first, "$.id"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<MockHttpServletResponse>> attempts = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<MockHttpServletResponse> attempt = () -> post("/api/sales", w.keyA2, World.sale("retry-2", w.milkA, 1));
        attempts.add(pool.submit(attempt));
      }
      List<Object> ids = new ArrayList<>();
      int created = 0;
      for (Future<MockHttpServletResponse> f : attempts) {
        MockHttpServletResponse r = f.get();
        assertThat(r.getStatus()).as(body(r)).isIn(200, 201);
        created += r.getStatus() == 201 ? 1 : 0;
        ids.add(read(r, "$.id"));
      }
      assertThat(created).isEqualTo(1);
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows("pos_sale")).isEqualTo(before + 2);
  }
}
