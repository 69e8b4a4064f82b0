package io.tenantry.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.TenantContext;
import io.tenantry.spring.web.InvalidTenantClaimsException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class JwtClaimsTenantConverterTest {

  private static final UUID COMPANY = UUID.randomUUID();
  private static final UUID S1 = UUID.randomUUID();
  private static final UUID S2 = UUID.randomUUID();

  private final JwtClaimsTenantConverter converter =
      new JwtClaimsTenantConverter("company_id", "role", "store_ids", List.of("OWNER"), "sub");

  private Optional<TenantContext> convert(Map<String, Object> claims) {
    Jwt.Builder jwt = Jwt.withTokenValue("t").header("alg", "RS256").subject("maria")
        .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60));
    claims.forEach(jwt::claim);
    return converter.convert(new JwtAuthenticationToken(jwt.build()));
  }

  @Test
  void anOwnerSeesEveryStore() {
    TenantContext ctx = convert(Map.of("company_id", COMPANY.toString(), "role", "owner")).orElseThrow();
    assertThat(ctx.companyId()).isEqualTo(COMPANY);
    assertThat(ctx.allStoresGranted()).isTrue();
    assertThat(ctx.storeId()).isEmpty();
    assertThat(ctx.principal()).contains("maria");
  }

  @Test
  void theStoresClaimGrantsExactlyItsStoresOrAllWithAStar() {
    TenantContext manager = convert(Map.of("company_id", COMPANY.toString(), "role", List.of("MANAGER"),
        "store_ids", List.of(S1.toString(), S2.toString()))).orElseThrow();
    assertThat(manager.allStoresGranted()).isFalse();
    assertThat(manager.grantedStoreIds()).containsExactly(S1, S2);
    assertThat(convert(Map.of("company_id", COMPANY.toString(), "store_ids", S1 + " " + S2)).orElseThrow()
        .grantedStoreIds()).containsExactly(S1, S2);
    assertThat(convert(Map.of("company_id", COMPANY.toString(), "store_ids", "*")).orElseThrow()
        .allStoresGranted()).isTrue();
  }

  @Test
  void noStoresClaimGrantsNoStore() {
    TenantContext ctx = convert(Map.of("company_id", COMPANY.toString(), "role", "CASHIER")).orElseThrow();
    assertThat(ctx.allStoresGranted()).isFalse();
    assertThat(ctx.grantedStoreIds()).isEmpty();
  }

  @Test
  void noCompanyClaimNamesNoTenant() {
    assertThat(convert(Map.of("role", "OWNER"))).isEmpty();
    assertThat(converter.convert(new TestingAuthenticationToken("user", "pw"))).isEmpty();
  }

  @Test
  void malformedIdsRefuseTheToken() {
    assertThatThrownBy(() -> convert(Map.of("company_id", "acme")))
        .isInstanceOf(InvalidTenantClaimsException.class).hasMessageContaining("company_id");
    assertThatThrownBy(() -> convert(Map.of("company_id", 42)))
        .isInstanceOf(InvalidTenantClaimsException.class);
    assertThatThrownBy(() -> convert(Map.of("company_id", COMPANY.toString(), "store_ids", List.of("*"))))
        .isInstanceOf(InvalidTenantClaimsException.class).hasMessageContaining("store_ids");
    assertThatThrownBy(() -> convert(Map.of("company_id", COMPANY.toString(), "store_ids", 7)))
        .isInstanceOf(InvalidTenantClaimsException.class);
  }

  @Test
  void claimNamesAreConfigurable() {
    JwtClaimsTenantConverter custom = new JwtClaimsTenantConverter("tid", "roles", "shops", List.of("ADMIN"), "email");
    Jwt jwt = Jwt.withTokenValue("t").header("alg", "RS256").claim("tid", COMPANY.toString())
        .claim("roles", List.of("ADMIN")).claim("email", "a@b.c").build();
    TenantContext ctx = custom.convert(new JwtAuthenticationToken(jwt)).orElseThrow();
    assertThat(ctx.allStoresGranted()).isTrue();
    assertThat(ctx.principal()).contains("a@b.c");
  }
}
