package com.example.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.hibernate.TenantProvisioning.NewCompany;
import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.hibernate.rls.TenantryRoles;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The README's plain-Hibernate quick start on a fresh database: migrated as the owner, the two logins of
 * TenantryRoles, Hibernate opened from persistence.xml on the row-level-security DataSource; then a
 * store's price override attacked from the company's other store and from another company, through
 * Hibernate and through native SQL.
 */
@TenantryPostgres
class CrossTenantTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static EntityManagerFactory emf;
  static SessionFactory sf;
  static NewCompany poco;
  static NewCompany other;
  static UUID override;

  @BeforeAll
  static void start(TestDatabase db) {
    Pos.migrate(db.adminDataSource());
    // the two logins: roles are cluster-wide, so fixed passwords (runs sharing a server set the same ones)
    db.execute(TenantryRoles.sql("grocer_app", "grocer_system"));
    db.execute("alter role grocer_app password 'grocer-app-pw'; alter role grocer_system password 'grocer-system-pw'");
    emf = Pos.open(login(db, "grocer_app", "grocer-app-pw"), login(db, "grocer_system", "grocer-system-pw"));
    sf = emf.unwrap(SessionFactory.class);

    TenantProvisioning tenants = TenantProvisioning.of(emf);
    poco = tenants.createCompany("Poco Loco Supermercado", "owner@pocoloco.example", null, CHICAGO, "Main St", "Oak Ave");
    other = tenants.createCompany("Another Grocer", "owner@another.example", null, CHICAGO, "Elm St");
    UUID milk = Tenancy.supply(TenantContext.ofCompany(poco.companyId()), () -> sf.fromTransaction(s -> {
      Product p = new Product("Milk 1 l", new BigDecimal("3.99"));
      s.persist(p);
      return p.getId();
    }));
    override = Tenancy.supply(TenantContext.ofStore(poco.companyId(), poco.store("Main St")),
        () -> sf.fromTransaction(s -> {
          PriceOverride o = new PriceOverride(s.getReference(Product.class, milk), new BigDecimal("3.49"));
          s.persist(o);
          return o.getId();
        }));
    IsolationAudit.of(db.adminDataSource()).appRole("grocer_app").systemRole("grocer_system").run().assertClean();
  }

  @AfterAll
  static void close() {
    if (emf != null) {
      emf.close();
    }
  }

  @Test
  void theStoreSeesItsOverride_theOtherStoreAndCompanySeeNothing() {
    List<BigDecimal> mainSt = Tenancy.supply(TenantContext.ofStore(poco.companyId(), poco.store("Main St")),
        () -> sf.fromTransaction(s -> s.createSelectionQuery("select o.price from PriceOverride o", BigDecimal.class)
            .getResultList()));
    assertThat(mainSt).containsExactly(new BigDecimal("3.49"));

    for (TenantContext attacker : List.of(TenantContext.ofStore(poco.companyId(), poco.store("Oak Ave")),
        TenantContext.ofCompany(other.companyId()))) {
      Tenancy.run(attacker, () -> sf.inTransaction(s -> {
        assertThat(s.find(PriceOverride.class, override)).as("find from " + attacker).isNull();
        assertThat(s.createSelectionQuery("from PriceOverride", PriceOverride.class).getResultList())
            .as("query from " + attacker).isEmpty();
        // SQL Hibernate never sees: the policies answer
        assertThat(s.createNativeQuery("select count(*) from price_override", Long.class).getSingleResult())
            .as("native SQL from " + attacker).isZero();
        assertThat(s.createMutationQuery("delete from PriceOverride").executeUpdate()).isZero();
      }));
    }
    assertThatThrownBy(() -> sf.inTransaction(s -> s.createSelectionQuery("from PriceOverride", PriceOverride.class)
        .getResultList())).isInstanceOf(NoTenantBoundException.class);
  }

  private static DataSource login(TestDatabase db, String user, String password) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(db.jdbcUrl());
    ds.setUser(user);
    ds.setPassword(password);
    return ds;
  }
}
