package io.tenantry.spring.test;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.hibernate.TenantProvisioning.NewCompany;
import jakarta.persistence.EntityManagerFactory;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * The fixture of a cross-tenant test: two companies, A and B, made through {@link TenantProvisioning} as the
 * application makes its tenants, each with an owner, the stores "Main St" and "Oak Ave" (time zone UTC) and a
 * register "Register 1" in Main St. Do something as A, then try it as B:
 *
 * <pre>{@code
 * TwoCompanies two = TwoCompanies.create(entityManagerFactory);
 * String sale = post("/sales", two.a().cashierToken(TOKENS));             // over HTTP, with TestTokens
 * assertThat(get("/sales/" + sale, two.b().ownerToken(TOKENS))).is(404);
 * Tenancy.run(two.b().owner(), () -> ...);                                 // or bound directly
 * }</pre>
 *
 * Works with any Hibernate persistence unit that maps Tenantry's {@code Company}, {@code Store},
 * {@code Register}, {@code UserAccount}, {@code Membership} and {@code StoreGrant} (the Spring Boot starter maps
 * them), on a
 * database migrated with {@code classpath:db/tenantry} (in a test that builds its schema itself,
 * {@link io.tenantry.test.TenantryMigrations#migrate}); with row-level security the system login must be
 * configured (the starter's one-login mode does it). Call it with no tenant bound. Each call makes two new
 * companies with owner e-mails of their own, so several fixtures can share a database.
 */
public record TwoCompanies(FixtureCompany a, FixtureCompany b) {

  /** The stores' time zone. */
  public static final ZoneId TIMEZONE = ZoneId.of("UTC");

  /** Checks both are given and differ. */
  public TwoCompanies {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    if (a.id().equals(b.id())) {
      throw new IllegalArgumentException("The two companies of a fixture must differ: both are " + a.id());
    }
  }

  /**
   * Creates companies "Company A" and "Company B" through this persistence unit.
   *
   * @throws IllegalStateException when a tenant is bound (creating companies is platform work)
   */
  public static TwoCompanies create(EntityManagerFactory entityManagerFactory) {
    TenantProvisioning provisioning = TenantProvisioning.of(entityManagerFactory);
    String run = UUID.randomUUID().toString().substring(0, 8);
    return new TwoCompanies(company(provisioning, "A", run), company(provisioning, "B", run));
  }

  private static FixtureCompany company(TenantProvisioning provisioning, String letter, String run) {
    String email = "owner-" + letter.toLowerCase(java.util.Locale.ROOT) + "-" + run + "@fixture.example";
    NewCompany created = provisioning.createCompany("Company " + letter, email, null, TIMEZONE, "Main St", "Oak Ave");
    UUID main = created.store("Main St");
    UUID register = Tenancy.supply(TenantContext.ofCompany(created.companyId()),
        () -> provisioning.createRegister(main, "Register 1"));
    return new FixtureCompany(created.companyId(), "Company " + letter, created.ownerId(), email, main,
        created.store("Oak Ave"), register);
  }
}
