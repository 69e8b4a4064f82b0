package io.tenantry.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.StoreGrant;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRls;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The fixture in a plain-Hibernate test, both walls up (row-level security with a system login): two
 * companies with their stores and register, each seeing only its own; the contexts and tokens it gives; two
 * fixtures in one database.
 */
@TenantryPostgres
class TwoCompaniesTest {

  static SessionFactory sf;
  static TwoCompanies two;

  @BeforeAll
  static void fixture(TestDatabase db) {
    AppRole system = db.createAppRole("fixture_sys");
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute(IsolationAudit.of(db.adminDataSource()).schemaPolicySql(system.name()));
    Configuration cfg = new Configuration();
    List.of(Company.class, Store.class, Register.class, UserAccount.class, Membership.class, StoreGrant.class)
        .forEach(cfg::addAnnotatedClass);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE,
        TenantryRls.dataSource(db.appRole().dataSource(), system.dataSource()));
    sf = cfg.buildSessionFactory();
    two = TwoCompanies.create(sf);
  }

  @AfterAll
  static void close() {
    sf.close();
  }

  @Test
  void eachCompanyHasItsStoresAndRegister_andSeesOnlyItsOwn() {
    for (FixtureCompany c : List.of(two.a(), two.b())) {
      List<UUID> stores = in(c.owner(), "select s.id from Store s");
      assertThat(stores).containsExactlyInAnyOrder(c.mainStore(), c.otherStore());
      List<UUID> registers = in(c.owner(), "select r.id from Register r");
      assertThat(registers).containsExactly(c.register());
      assertThat(in(c.cashier(), "select s.id from Store s")).containsExactly(c.mainStore());
      assertThat(in(c.atRegister(), "select r.id from Register r")).containsExactly(c.register());
    }
    assertThat(two.a().name()).isEqualTo("Company A");
    assertThat(in(two.b().owner(), "select s.id from Store s"))
        .doesNotContain(two.a().mainStore(), two.a().otherStore());
    Store other = Tenancy.supply(two.b().owner(), () -> sf.fromTransaction(s -> s.find(Store.class,
        two.a().mainStore())));
    assertThat(other).as("company B does not see A's store").isNull();
    UUID ownerOfA = two.a().asOwner(() -> sf.fromTransaction(s -> s.createSelectionQuery(
        "select m.user.id from Membership m", UUID.class).getSingleResult()));
    assertThat(ownerOfA).isEqualTo(two.a().ownerId());
  }

  @Test
  void tokensCarryTheCompanyAndTheCashiersStore() {
    TestTokens tokens = TestTokens.generate("https://issuer.test");
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokens.publicKey()).build();
    Jwt owner = decoder.decode(two.a().ownerToken(tokens));
    assertThat(owner.getClaimAsString("company_id")).isEqualTo(two.a().id().toString());
    assertThat(owner.getClaimAsString("role")).isEqualTo("OWNER");
    Jwt cashier = decoder.decode(two.b().cashierToken(tokens));
    assertThat(cashier.getClaimAsString("company_id")).isEqualTo(two.b().id().toString());
    assertThat(cashier.getClaimAsStringList("store_ids")).containsExactly(two.b().mainStore().toString());
  }

  @Test
  void moreFixturesShareTheDatabase_butNotFromInsideATenant() {
    TwoCompanies more = TwoCompanies.create(sf);
    assertThat(List.of(more.a().id(), more.b().id())).doesNotContain(two.a().id(), two.b().id());
    assertThat(more.a().ownerEmail()).isNotEqualTo(two.a().ownerEmail());
    assertThatThrownBy(() -> Tenancy.run(TenantContext.ofCompany(two.a().id()), () -> TwoCompanies.create(sf)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("platform work");
  }

  private static List<UUID> in(TenantContext context, String hql) {
    return Tenancy.supply(context, () -> sf.fromTransaction(s -> s.createSelectionQuery(hql, UUID.class)
        .getResultList()));
  }
}
