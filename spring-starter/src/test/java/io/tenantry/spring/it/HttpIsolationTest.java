package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static io.tenantry.spring.it.World.A1;
import static io.tenantry.spring.it.World.A2;
import static io.tenantry.spring.it.World.B;
import static io.tenantry.spring.it.World.B1;
import static io.tenantry.spring.it.World.PA1;
import static io.tenantry.spring.it.World.PB1;
import static io.tenantry.spring.test.TenantRequests.asTenant;
import static io.tenantry.spring.test.TenantRequests.inStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.tenantry.core.Tenancy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** THREATS 19, 20, 22, 23, 25 through HTTP: tokens, X-Store-Id, error answers. */
class HttpIsolationTest extends AttackAppTestSupport {

  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @Test
  void ownerOfCompanyASeesOnlyCompanyAProducts() throws Exception {
    mvc.perform(get("/products").with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].name", Matchers.contains("Milk A1", "Milk A2")))
        .andExpect(jsonPath("$[*].companyId", Matchers.everyItem(Matchers.is(A.toString()))));
  }

  @Test
  void tokenOfCompanyAAskingForCompanyBsProductGets404ExactlyLikeAMissingOne() throws Exception {
    String foreign = mvc.perform(get("/products/" + PB1).with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andReturn().getResponse().getContentAsString();
    UUID missing = UUID.randomUUID();
    String absent = mvc.perform(get("/products/" + missing).with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isNotFound())
        .andReturn().getResponse().getContentAsString();
    assertThat(foreign.replace(PB1.toString(), "ID")).isEqualTo(absent.replace(missing.toString(), "ID"));
    assertThat(foreign).doesNotContain("Milk", B.toString(), B1.toString());
  }

  @Test
  void renamingCompanyBsProductThroughAReferenceGets404AndChangesNothing() throws Exception {
    String refused = mvc.perform(put("/products/" + PB1 + "/name").with(asTenant(TOKENS.owner(A)))
            .contentType(MediaType.TEXT_PLAIN).content("Hacked"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andReturn().getResponse().getContentAsString();
    assertThat(productName(PB1)).isEqualTo("Milk B1");
    // Tenantry's 404 and the application's own 404 for a missing id differ only in the path
    String missing = mvc.perform(get("/products/" + UUID.randomUUID()).with(asTenant(TOKENS.owner(A))))
        .andReturn().getResponse().getContentAsString();
    assertThat(withoutInstance(refused)).isEqualTo(withoutInstance(missing));
  }

  private static String withoutInstance(String problem) {
    return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
  }

  @Test
  void movingAProductIntoAnotherCompanysStoreIsRefusedWith404() throws Exception {
    mvc.perform(post("/products/" + PA1 + "/move").with(asTenant(TOKENS.owner(A))).with(inStore(A1))
            .contentType(MediaType.APPLICATION_JSON).content("{\"storeId\":\"" + B1 + "\"}"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    assertThat(admin().queryForMap("select company_id, store_id from demo_product where id = ?", PA1))
        .isEqualTo(Map.of("company_id", A, "store_id", A1));
  }

  @Test
  void storeHeaderOutsideTheGrantsGets403WithTheSameAnswerWhetherTheStoreExistsOrNot() throws Exception {
    String manager = TOKENS.member(A, "MANAGER", A1);
    String notGranted = forbiddenBody(get("/products").with(asTenant(manager)).with(inStore(A2)));
    String otherCompany = forbiddenBody(get("/products").with(asTenant(manager)).with(inStore(B1)));
    String ownerOtherCompany = forbiddenBody(get("/products").with(asTenant(TOKENS.owner(A))).with(inStore(B1)));
    String ownerUnknown = forbiddenBody(get("/products").with(asTenant(TOKENS.owner(A)))
        .with(inStore(UUID.randomUUID())));
    assertThat(List.of(otherCompany, ownerOtherCompany, ownerUnknown)).containsOnly(notGranted);
  }

  @Test
  void storeHeaderSelectsAGrantedStore() throws Exception {
    mvc.perform(get("/products").with(asTenant(TOKENS.owner(A))).with(inStore(A2)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[*].name", Matchers.contains("Milk A2")));
    mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.member(A, "MANAGER", A1, A2))).with(inStore(A1)))
        .andExpect(jsonPath("$.company").value(A.toString()))
        .andExpect(jsonPath("$.store").value(A1.toString()));
  }

  @Test
  void aMemberGrantedOneStoreHasItSelectedAndAManagerOfTwoSeesBoth() throws Exception {
    mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.member(A, "CASHIER", A1))))
        .andExpect(jsonPath("$.store").value(A1.toString()));
    mvc.perform(get("/products").with(asTenant(TOKENS.member(A, "MANAGER", A1, A2))))
        .andExpect(jsonPath("$[*].name", Matchers.contains("Milk A1", "Milk A2")));
    mvc.perform(get("/products").with(asTenant(TOKENS.token().company(A).role("MANAGER").sign())))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$").isEmpty());
  }

  @Test
  void malformedStoreHeaderGets400() throws Exception {
    for (String value : List.of("A1", "1-1-1-1-1", "", UUID.randomUUID() + "," + UUID.randomUUID())) {
      mvc.perform(get("/products").with(asTenant(TOKENS.owner(A))).header("X-Store-Id", value))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
  }

  @Test
  void forgedExpiredAndForeignTokensGet401() throws Exception {
    String valid = TOKENS.owner(A);
    String[] parts = valid.split("\\.");
    String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    String tamperedPayload = b64(payload.replace(A.toString(), B.toString()));
    Map<String, String> attacks = Map.of(
        "tampered payload", parts[0] + "." + tamperedPayload + "." + parts[2],
        "alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + tamperedPayload + ".",
        "expired", TOKENS.token().company(A).role("OWNER").issuedAt(Instant.now().minusSeconds(7200))
            .expiresAt(Instant.now().minusSeconds(3600)).sign(),
        "wrong issuer", TOKENS.token().company(A).role("OWNER").issuer("https://evil.test").sign(),
        "other key", TestTokens().owner(A),
        "HS256 signed with the public key", hs256WithPublicKey(payload),
        "garbage", "not.a.token");
    for (Map.Entry<String, String> attack : attacks.entrySet()) {
      mvc.perform(get("/products").with(asTenant(attack.getValue())))
          .andExpect(result -> assertThat(result.getResponse().getStatus()).as(attack.getKey()).isEqualTo(401))
          .andExpect(content().contentTypeCompatibleWith(PROBLEM))
          .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")));
    }
  }

  @Test
  void noCredentialsGet401ProblemDetails() throws Exception {
    mvc.perform(get("/products"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(header().exists("WWW-Authenticate"));
  }

  @Test
  void malformedTenantClaimsRefuseTheWholeToken() throws Exception {
    mvc.perform(get("/products").with(asTenant(TOKENS.token().claim("company_id", "A").sign())))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    mvc.perform(get("/products").with(asTenant(TOKENS.token().company(A).claim("store_ids", List.of("x")).sign())))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void aValidTokenWithoutACompanyReachesNoTenantData() throws Exception {
    mvc.perform(get("/products").with(asTenant(TOKENS.token().role("OWNER").sign())))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  @Test
  void headersNamingATenantAreIgnored() throws Exception {
    mvc.perform(get("/probe/whoami").with(asTenant(TOKENS.owner(A)))
            .header("X-Tenant-Id", B).header("X-Company-Id", B).header("X-Company", B))
        .andExpect(jsonPath("$.company").value(A.toString()));
    mvc.perform(get("/products").header("X-Tenant-Id", A).header("X-Company-Id", A))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void creatingAStoreOwnedRowWithoutASelectedStoreGets400SayingWhichHeaderToSend() throws Exception {
    mvc.perform(post("/products").with(asTenant(TOKENS.owner(A)))
            .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Storeless\",\"price\":1.00}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.detail").value(Matchers.containsString("X-Store-Id")));
    assertThat(admin().queryForObject("select count(*) from demo_product where name = 'Storeless'", Long.class))
        .isZero();
  }

  @Test
  void tenantColumnsInAJsonBodyAreIgnored() throws Exception {
    String body = "{\"name\":\"Evil\",\"price\":1.00,\"companyId\":\"" + B + "\",\"storeId\":\"" + B1
        + "\",\"registerId\":\"" + World.RB1 + "\"}";
    mvc.perform(post("/products").with(asTenant(TOKENS.owner(A))).with(inStore(A1))
            .contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.companyId").value(A.toString()))
        .andExpect(jsonPath("$.storeId").value(A1.toString()));
    assertThat(admin().queryForList("select company_id, store_id from demo_product where name = 'Evil'"))
        .containsExactly(Map.of("company_id", A, "store_id", A1));
    admin().update("delete from demo_product where name = 'Evil'");
  }

  @Test
  void tenantDataOnAPublicPathWithoutATenantGets401() throws Exception {
    mvc.perform(get("/public/products"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
  }

  @Test
  void aTenantLostOnTheCommonPoolGets500AndTheRequestThreadIsLeftClean() throws Exception {
    mvc.perform(get("/probe/common-pool").with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM));
    assertThat(Tenancy.find()).isEmpty();
    assertThat(MDC.get("tenant.company")).isNull();
  }

  @Test
  void tenantResponsesAreKeptOutOfSharedCaches() throws Exception {
    MvcResult result = mvc.perform(get("/products").with(asTenant(TOKENS.owner(A))))
        .andExpect(status().isOk())
        .andReturn();
    assertThat(result.getResponse().getHeader("Cache-Control")).containsAnyOf("private", "no-store");
    assertThat(String.join(",", result.getResponse().getHeaders("Vary")))
        .contains("Authorization", "X-Register-Key", "X-Store-Id");
  }

  private String forbiddenBody(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request)
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andReturn().getResponse().getContentAsString();
  }

  private static String productName(UUID id) {
    return admin().queryForObject("select name from demo_product where id = ?", String.class, id);
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static io.tenantry.spring.test.TestTokens TestTokens() {
    return io.tenantry.spring.test.TestTokens.generate(ISSUER);
  }

  /** Key confusion: an HMAC token whose secret is the RSA public key the server trusts. */
  private static String hs256WithPublicKey(String payload) throws Exception {
    String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String body = b64(payload);
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(TOKENS.publicKeyPem().getBytes(StandardCharsets.US_ASCII),
        "HmacSHA256"));
    byte[] signature = mac.doFinal((header + "." + body).getBytes(StandardCharsets.US_ASCII));
    return header + "." + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }
}
