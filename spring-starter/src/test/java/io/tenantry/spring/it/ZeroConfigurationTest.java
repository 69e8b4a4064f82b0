package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static io.tenantry.spring.it.World.A1;
import static io.tenantry.spring.it.World.B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.it.zeroconfig.Sale;
import io.tenantry.spring.it.zeroconfig.SaleRepository;
import io.tenantry.spring.it.zeroconfig.ZeroConfigApp;
import io.tenantry.spring.test.TestTokens;
import io.tenantry.spring.web.TenantFilter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "done when": an application that adds the starter, a data source and one entity
 * extending StoreOwned gets isolation with no further code, in JPA and over HTTP on a real port.
 * Only Spring Boot's own properties are set (data source, the resource server's public key).
 */
@SpringBootTest(classes = ZeroConfigApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ZeroConfigurationTest extends ZeroConfigAppTestSupport {

  static final UUID SALE_A1 = UUID.fromString("50000000-0000-7000-8000-0000000000a1");
  static final UUID SALE_B1 = UUID.fromString("50000000-0000-7000-8000-0000000000b1");
  static final TestTokens TOKENS = TestTokens.generate("https://issuer.test");

  @Autowired
  SaleRepository sales;

  @Autowired
  ApplicationContext context;

  final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void publicKey(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
  }

  @Test
  void withoutASystemLogin_theHealthStaysUpAndSaysSo() {
    org.springframework.boot.health.contributor.Health health =
        context.getBean(io.tenantry.spring.actuate.IsolationAuditHealthIndicator.class).health(true);
    assertThat(health.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.UP);
    assertThat(health.getDetails().get("warnings").toString()).contains("no system login is configured");
  }

  @Test
  void repositoriesAreScopedToTheBoundTenant() {
    Tenancy.run(TenantContext.ofStore(A, A1), () -> {
      assertThat(sales.findAll()).extracting(Sale::getId).contains(SALE_A1).doesNotContain(SALE_B1);
      assertThat(sales.findAll()).extracting(Sale::getCompanyId).containsOnly(A);
      assertThat(sales.findById(SALE_B1)).isEmpty();
      assertThat(sales.existsById(SALE_B1)).isFalse();
    });
    Tenancy.run(TenantContext.ofCompany(B), () ->
        assertThat(sales.findAll()).extracting(Sale::getId).containsExactly(SALE_B1));
    assertThatThrownBy(() -> sales.findAll()).hasRootCauseInstanceOf(NoTenantBoundException.class);
  }

  @Test
  void writesAreStampedWithTheBoundStore() {
    Sale sale = Tenancy.supply(TenantContext.ofStore(A, A1), () -> sales.save(new Sale(new BigDecimal("1.50"))));
    assertThat(new JdbcTemplate(db.adminDataSource()).queryForMap(
        "select company_id, store_id from zc_sale where id = ?", sale.getId()))
        .containsEntry("company_id", A).containsEntry("store_id", A1);
  }

  @Test
  void overHttpATenantSeesItsOwnDataAndAnotherTenantsIdIsNotFound() throws Exception {
    String ownerA = TOKENS.owner(A);
    HttpResponse<String> list = send("/sales", ownerA);
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains(SALE_A1.toString()).doesNotContain(SALE_B1.toString());
    assertThat(send("/sales/" + SALE_B1, ownerA).statusCode()).isEqualTo(404);
    assertThat(send("/sales/" + SALE_A1, ownerA).statusCode()).isEqualTo(200);

    HttpResponse<String> anonymous = send("/sales", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void theFilterRunsInsideTheSecurityChainOnly() {
    assertThat(context.getBean(TenantFilter.class)).isNotNull();
    assertThat(context.getBeansOfType(FilterRegistrationBean.class).values())
        .filteredOn(registration -> registration.getFilter() instanceof TenantFilter)
        .singleElement()
        .satisfies(registration -> assertThat(registration.isEnabled()).isFalse());
  }

  private HttpResponse<String> send(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
