package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The released artifacts, used as an application uses them: the hierarchy schema shipped in tenantry-core (every
 * migration of the release, by tenantry-test-support's TenantryMigrations), one Hibernate property from
 * tenantry-hibernate, a real PostgreSQL from tenantry-test-support. A sale of
 * store Main St is attacked from the company's other store and from a second company; nothing crosses.
 */
@TenantryPostgres
class SaleIsolationTest {

  private static SessionFactory sessionFactory;
  private static UUID pocoLoco;
  private static UUID mainSt;
  private static UUID oakAve;
  private static UUID otherCompany;
  private static UUID saleAtMainSt;

  @BeforeAll
  static void schemaAndData(TestDatabase db) {
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute(resource("shop-schema.sql"));
    Configuration cfg = new Configuration()
        .addAnnotatedClass(Company.class).addAnnotatedClass(Store.class).addAnnotatedClass(Sale.class);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_URL, db.jdbcUrl());
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_USER, db.adminUser());
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, db.adminPassword());
    sessionFactory = cfg.buildSessionFactory();

    pocoLoco = Tenancy.asSystem("test: sign up", () -> sessionFactory.fromTransaction(s -> {
      Company c = new Company("Poco Loco Supermercado");
      s.persist(c);
      return c.getId();
    }));
    otherCompany = Tenancy.asSystem("test: sign up", () -> sessionFactory.fromTransaction(s -> {
      Company c = new Company("Another Grocer");
      s.persist(c);
      return c.getId();
    }));
    UUID[] stores = Tenancy.supply(TenantContext.ofCompany(pocoLoco), () -> sessionFactory.fromTransaction(s -> {
      Store main = new Store("Main St", ZoneId.of("America/Chicago"));
      Store oak = new Store("Oak Ave", ZoneId.of("America/Chicago"));
      s.persist(main);
      s.persist(oak);
      return new UUID[] {main.getId(), oak.getId()};
    }));
    mainSt = stores[0];
    oakAve = stores[1];
    saleAtMainSt = Tenancy.supply(TenantContext.ofStore(pocoLoco, mainSt), () -> sessionFactory.fromTransaction(s -> {
      Sale sale = new Sale(new BigDecimal("10.25"));
      s.persist(sale);
      return sale.getId();
    }));
  }

  @AfterAll
  static void close() {
    if (sessionFactory != null) {
      sessionFactory.close();
    }
  }

  @Test
  void theOwningStoreSeesItsSale() {
    Sale sale = Tenancy.supply(TenantContext.ofStore(pocoLoco, mainSt),
        () -> sessionFactory.fromTransaction(s -> s.find(Sale.class, saleAtMainSt)));
    assertNotNull(sale);
    assertEquals(mainSt, sale.getStoreId());
    assertEquals(pocoLoco, sale.getCompanyId());
  }

  @Test
  void theOtherStoreAndTheOtherCompanySeeNothing() {
    for (TenantContext other : new TenantContext[] {
        TenantContext.ofStore(pocoLoco, oakAve), TenantContext.ofCompany(otherCompany)}) {
      Tenancy.run(other, () -> sessionFactory.inTransaction(s -> {
        assertNull(s.find(Sale.class, saleAtMainSt), "find by id from " + other);
        assertEquals(0, s.createSelectionQuery("from Sale", Sale.class).getResultList().size(), "query from " + other);
      }));
    }
  }

  @Test
  void aBulkDeleteFromAnotherCompanyLeavesTheSale() {
    int deleted = Tenancy.supply(TenantContext.ofCompany(otherCompany),
        () -> sessionFactory.fromTransaction(s -> s.createMutationQuery("delete from Sale").executeUpdate()));
    assertEquals(0, deleted);
    long left = Tenancy.asSystem("test: count", () -> sessionFactory.fromTransaction(
        s -> s.createSelectionQuery("select count(*) from Sale where id = :id", Long.class)
            .setParameter("id", saleAtMainSt).getSingleResult()));
    assertEquals(1L, left);
  }

  @Test
  void noTenantBoundIsRefused() {
    assertThrows(NoTenantBoundException.class, () -> sessionFactory.inTransaction(
        s -> s.createSelectionQuery("from Sale", Sale.class).getResultList()));
  }

  private static String resource(String name) {
    try (InputStream in = SaleIsolationTest.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
