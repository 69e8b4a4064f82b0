package io.tenantry.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class TestTokensTest {

  private final TestTokens tokens = TestTokens.generate("https://issuer.test");
  private final NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokens.publicKey()).build();

  @Test
  void tokensVerifyWithThePublicKeyAndCarryTenantClaims() {
    UUID company = UUID.randomUUID();
    UUID store = UUID.randomUUID();
    Jwt jwt = decoder.decode(tokens.member(company, "MANAGER", store));
    assertThat(jwt.getClaimAsString("company_id")).isEqualTo(company.toString());
    assertThat(jwt.getClaimAsString("role")).isEqualTo("MANAGER");
    assertThat(jwt.getClaimAsStringList("store_ids")).containsExactly(store.toString());
    assertThat(jwt.getIssuer().toString()).isEqualTo("https://issuer.test");
    assertThat(decoder.decode(tokens.owner(company)).getClaimAsString("role")).isEqualTo("OWNER");
    assertThat(decoder.decode(tokens.token().allStores().sign()).getClaimAsString("store_ids")).isEqualTo("*");
  }

  @Test
  void expiredTokensAreRejected() {
    String expired = tokens.token().issuedAt(Instant.now().minusSeconds(600))
        .expiresAt(Instant.now().minusSeconds(300)).sign();
    assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtValidationException.class);
  }

  @Test
  void thePublicKeyIsAvailableAsAPemLocation() throws Exception {
    String location = tokens.publicKeyLocation();
    assertThat(location).startsWith("file:");
    assertThat(Files.readString(Path.of(java.net.URI.create(location)))).startsWith("-----BEGIN PUBLIC KEY-----");
    assertThat(tokens.publicKeyLocation()).isEqualTo(location);
  }

  @Test
  void aPersistentKey_signsTokensThatTheWrittenPublicKeyStillVerifiesAfterARestart(@TempDir Path dir)
      throws Exception {
    Path keyFile = dir.resolve("dev/jwt.jwk");
    TestTokens first = TestTokens.persistent(keyFile, "http://localhost/dev");
    Path pem = first.writePublicKey(dir.resolve("dev/jwt.pem"));
    TestTokens afterRestart = TestTokens.persistent(keyFile, "http://localhost/dev");
    UUID company = UUID.randomUUID();

    NimbusJwtDecoder fromPem = NimbusJwtDecoder.withPublicKey((java.security.interfaces.RSAPublicKey)
        java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(
            java.util.Base64.getMimeDecoder().decode(Files.readString(pem)
                .replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""))))).build();
    assertThat(fromPem.decode(afterRestart.owner(company)).getClaimAsString("company_id"))
        .isEqualTo(company.toString());
    // another key is refused: the file is what makes tokens last
    assertThatThrownBy(() -> fromPem.decode(TestTokens.generate("http://localhost/dev").owner(company)))
        .isInstanceOf(org.springframework.security.oauth2.jwt.BadJwtException.class);
  }

  @Test
  void theCommandLine_printsADevelopmentTokenForTheWrittenKey(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("jwt.jwk");
    UUID company = UUID.randomUUID();
    UUID store = UUID.randomUUID();
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stdout = System.out;
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      TestTokens.main(new String[] {"--key", keyFile.toString(), "--company", company.toString(), "--role", "CASHIER",
          "--stores", store.toString(), "--hours", "2"});
    } finally {
      System.setOut(stdout);
    }
    Jwt jwt = NimbusJwtDecoder.withPublicKey(TestTokens.persistent(keyFile, "x").publicKey()).build()
        .decode(out.toString(java.nio.charset.StandardCharsets.UTF_8).trim());
    assertThat(jwt.getClaimAsString("company_id")).isEqualTo(company.toString());
    assertThat(jwt.getClaimAsString("role")).isEqualTo("CASHIER");
    assertThat(jwt.getClaimAsStringList("store_ids")).containsExactly(store.toString());
    assertThat(jwt.getExpiresAt()).isAfter(Instant.now().plusSeconds(3600));
    assertThat(dir.resolve("jwt.jwk.pem")).exists();
  }

  @Test
  void requestHelpersSetTheHeaders() {
    UUID store = UUID.randomUUID();
    MockHttpServletRequest request = new MockHttpServletRequest();
    for (var processor : List.of(TenantRequests.asTenant("t"), TenantRequests.asRegister("k"),
        TenantRequests.inStore(store))) {
      request = processor.postProcessRequest(request);
    }
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer t");
    assertThat(request.getHeader("X-Register-Key")).isEqualTo("k");
    assertThat(request.getHeader("X-Store-Id")).isEqualTo(store.toString());
  }
}
