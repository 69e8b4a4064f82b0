package io.tenantry.hibernate.demo;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.hibernate.fixture.Resources;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.internal.PostgresServer;
import io.tenantry.test.internal.SharedServer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A two-minute tour on a real PostgreSQL (embedded unless TENANTRY_TEST_JDBC_URL is set): one
 * company with two stores, one price overridden per store, a second company with the same SKU, and
 * what each caller sees. Run it with the README's run command.
 */
public final class Demo {

  public static void main(String[] args) throws Exception {
    PostgresServer server = SharedServer.get();
    String database = "tenantry_demo_" + Long.toHexString(System.nanoTime());
    try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
      st.execute("create database " + database);
    }
    PGSimpleDataSource schemaOwner = new PGSimpleDataSource();
    schemaOwner.setURL(server.jdbcUrl(database));
    schemaOwner.setUser(server.adminUser());
    schemaOwner.setPassword(server.adminPassword());
    TenantryMigrations.migrate(schemaOwner);
    Configuration cfg = new Configuration()
        .addAnnotatedClass(Company.class).addAnnotatedClass(Store.class)
        .addAnnotatedClass(Product.class).addAnnotatedClass(PriceOverride.class);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_URL, server.jdbcUrl(database));
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_USER, server.adminUser());
    cfg.setProperty(AvailableSettings.JAKARTA_JDBC_PASSWORD, server.adminPassword());
    cfg.setProperty(AvailableSettings.USE_SECOND_LEVEL_CACHE, "false");
    try (SessionFactory sf = cfg.buildSessionFactory()) {
      sf.inTransaction(s -> s.doWork(c -> {
        try (Statement st = c.createStatement()) {
          st.execute(Resources.text("fixture-schema.sql"));
        }
      }));
      UUID pocoLoco = Tenancy.asSystem("demo: sign up Poco Loco", () ->
          sf.fromTransaction(s -> persist(s, new Company("Poco Loco Supermercado")).getId()));
      UUID other = Tenancy.asSystem("demo: sign up a second company", () ->
          sf.fromTransaction(s -> persist(s, new Company("Another Grocer")).getId()));
      TenantContext owner = TenantContext.ofCompany(pocoLoco);
      UUID[] stores = Tenancy.supply(owner, () -> sf.fromTransaction(s -> new UUID[] {
          persist(s, new Store("Main St", ZoneId.of("America/Chicago"))).getId(),
          persist(s, new Store("Oak Ave", ZoneId.of("America/Chicago"))).getId()}));
      Tenancy.run(owner, () -> sf.inTransaction(s -> {
        Product milk = persist(s, new Product("MILK-1L", "Milk 1 l", new BigDecimal("3.99")));
        persist(s, new PriceOverride(milk, new BigDecimal("3.49"), stores[0]));
      }));
      Tenancy.run(TenantContext.ofCompany(other), () -> sf.inTransaction(s ->
          persist(s, new Product("MILK-1L", "Milk (other company)", new BigDecimal("2.00")))));

      System.out.println();
      System.out.println("Tenantry demo on " + server.describe());
      show(sf, "Cashier at Main St", TenantContext.ofStore(pocoLoco, stores[0]));
      show(sf, "Cashier at Oak Ave", TenantContext.ofStore(pocoLoco, stores[1]));
      show(sf, "Owner, all stores ", owner);
      show(sf, "Other company     ", TenantContext.ofCompany(other));
      try {
        sf.inTransaction(s -> s.createSelectionQuery("from Product", Product.class).getResultList());
      } catch (NoTenantBoundException e) {
        System.out.println("No tenant bound      -> refused: " + e.getMessage().substring(0, 60) + "...");
      }
    } finally {
      try (Connection c = server.connectMaintenance(); Statement st = c.createStatement()) {
        st.execute("drop database if exists " + database + " with (force)");
      }
    }
  }

  private static void show(SessionFactory sf, String who, TenantContext ctx) {
    Tenancy.run(ctx, () -> sf.inTransaction(s -> {
      for (Product p : s.createSelectionQuery("from Product order by sku", Product.class).getResultList()) {
        BigDecimal price = p.getOverrides().size() == 1 ? p.getOverrides().get(0).getPrice() : p.getBasePrice();
        System.out.printf("%s -> %-22s $%s (%d store override%s visible)%n", who, p.getName(), price,
            p.getOverrides().size(), p.getOverrides().size() == 1 ? "" : "s");
      }
    }));
  }

  private static <T> T persist(Session s, T entity) {
    s.persist(entity);
    s.flush();
    return entity;
  }

}
