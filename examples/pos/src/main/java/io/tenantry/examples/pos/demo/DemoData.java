package io.tenantry.examples.pos.demo;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.PlatformAccess;
import io.tenantry.examples.pos.account.Accounts;
import io.tenantry.examples.pos.customer.Customers;
import io.tenantry.examples.pos.database.Clusters;
import io.tenantry.examples.pos.employee.Employees;
import io.tenantry.examples.pos.product.Catalog;
import io.tenantry.examples.pos.sale.SaleService;
import io.tenantry.examples.pos.store.Settings;
import io.tenantry.examples.pos.store.StoreService;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Loads the demo companies into an empty database (no company on any cluster) and prints how to sign in.
 */
@Component
class DemoData implements ApplicationRunner {

  static final String PASSWORD = "pocoloco123";

  private final boolean enabled;
  private final EntityManagerFactory emf;
  private final Accounts accounts;
  private final StoreService stores;
  private final Catalog catalog;
  private final Employees employees;
  private final Customers customers;
  private final Settings settings;
  private final SaleService sales;
  private final RegisterKeys registerKeys;
  private final ApplicationContext context;
  private final Clusters clusters;
  private final List<String> keys = new ArrayList<>();

  DemoData(@Value("${pos.demo.enabled:true}") boolean enabled, EntityManagerFactory emf, Accounts accounts,
      StoreService stores, Catalog catalog, Employees employees, Customers customers, Settings settings,
      SaleService sales, RegisterKeys registerKeys, ApplicationContext context, Clusters clusters) {
    this.enabled = enabled;
    this.emf = emf;
    this.accounts = accounts;
    this.stores = stores;
    this.catalog = catalog;
    this.employees = employees;
    this.customers = customers;
    this.settings = settings;
    this.sales = sales;
    this.registerKeys = registerKeys;
    this.context = context;
    this.clusters = clusters;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!enabled) {
      return;
    }
    boolean loaded = false;
    if (isEmpty()) {
      pocoLoco();
      cornerDeli();
      loaded = true;
    }
    printHints(loaded);
  }

  /** Whether no company exists on any cluster (on several clusters, the home one may hold none). */
  @PlatformAccess("first start: whether any company exists at all is a question about every tenant")
  private boolean isEmpty() {
    return clusters.onEachCluster(() -> Tenancy.supplyAsSystem("demo data: is the database empty?", () -> {
      var em = emf.createEntityManager();
      try {
        return List.of(em.createQuery("select count(c) from Company c", Long.class).getSingleResult());
      } finally {
        em.close();
      }
    })).stream().allMatch(count -> count == 0);
  }

  @PlatformAccess("demo data: binds the demo company it has just created")
  private void pocoLoco() {
    UUID company = accounts.signup("Poco Loco Supermercado", "owner@pocoloco.example", PASSWORD).companyId();
    Tenancy.run(TenantContext.ofCompany(company), () -> {
      Store main = stores.create("Main St", ZoneId.of("America/Chicago"));
      Store oak = stores.create("Oak Ave", ZoneId.of("America/Chicago"));
      Register main1 = register(main, "Register 1");
      register(main, "Register 2");
      Register oak1 = register(oak, "Register 1");
      UUID milk = catalog.create("MILK-1L", "Milk 1 l", new BigDecimal("3.99")).id();
      UUID bread = catalog.create("BREAD-WHITE", "White bread", new BigDecimal("2.49")).id();
      UUID eggs = catalog.create("EGGS-12", "Eggs, dozen", new BigDecimal("4.29")).id();
      UUID coffee = catalog.create("COFFEE-500G", "Coffee 500 g", new BigDecimal("8.99")).id();
      catalog.setStorePrice(main.getId(), milk, new BigDecimal("3.49"));
      settings.define(new BigDecimal("0.0825"), "¡Gracias por su compra!");
      accounts.addUser("manager@pocoloco.example", PASSWORD, MemberRole.MANAGER, List.of(main.getId()));
      accounts.addUser("cashier@pocoloco.example", PASSWORD, MemberRole.CASHIER, List.of(oak.getId()));
      employees.create("Ana Torres", List.of(main.getId()));
      employees.create("Luis Vega", List.of(oak.getId()));
      employees.create("Marta Ruiz", List.of(main.getId(), oak.getId()));
      UUID rosa = customers.create("Rosa Diaz", "+1 555 0100").getId();
      Tenancy.run(TenantContext.ofRegister(company, main.getId(), main1.getId()), () -> {
        sales.record("demo-main-1", rosa, List.of(new SaleService.Line(milk, 2), new SaleService.Line(bread, 1)));
        sales.record("demo-main-2", null, List.of(new SaleService.Line(coffee, 3), new SaleService.Line(eggs, 2)));
      });
      Tenancy.run(TenantContext.ofRegister(company, oak.getId(), oak1.getId()), () ->
          sales.record("demo-oak-1", rosa, List.of(new SaleService.Line(milk, 1), new SaleService.Line(eggs, 1))));
    });
  }

  @PlatformAccess("demo data: binds the demo company it has just created")
  private void cornerDeli() {
    UUID company = accounts.signup("Corner Deli", "owner@cornerdeli.example", PASSWORD).companyId();
    Tenancy.run(TenantContext.ofCompany(company), () -> {
      Store downtown = stores.create("Downtown", ZoneId.of("America/New_York"));
      register(downtown, "Register 1");
      catalog.create("MILK-1L", "Milk (Corner Deli)", new BigDecimal("2.00"));
    });
  }

  private Register register(Store store, String name) {
    Register register = stores.createRegister(store.getId(), name);
    keys.add(String.format("    %-8s %-10s X-Register-Key: %s", store.getName(), name,
        registerKeys.issue(register.getId()).key()));
    return register;
  }

  private void printHints(boolean loaded) {
    String url = context instanceof WebServerApplicationContext web && web.getWebServer() != null
        ? "http://localhost:" + web.getWebServer().getPort() + "/" : "(no web server)";
    StringBuilder hints = new StringBuilder("\n\n  Tenantry POS is running: ").append(url).append('\n')
        .append("  Sign in (password ").append(PASSWORD).append(" for every demo user):\n")
        .append("    owner@pocoloco.example     OWNER of Poco Loco Supermercado (Main St, Oak Ave)\n")
        .append("    manager@pocoloco.example   MANAGER of Main St\n")
        .append("    cashier@pocoloco.example   CASHIER at Oak Ave\n")
        .append("    owner@cornerdeli.example   OWNER of Corner Deli (the other company)\n");
    if (loaded) {
      hints.append("  Register keys (shown once, stored hashed):\n");
      keys.forEach(k -> hints.append(k).append('\n'));
    } else {
      hints.append("  Register keys were printed at the first start; create a register to get a new one.\n");
    }
    hints.append("  API: curl -s -X POST ").append(url).append("api/auth/login -H 'Content-Type: application/json' "
        + "-d '{\"email\":\"owner@pocoloco.example\",\"password\":\"").append(PASSWORD).append("\"}'\n");
    System.out.println(hints);
  }
}
