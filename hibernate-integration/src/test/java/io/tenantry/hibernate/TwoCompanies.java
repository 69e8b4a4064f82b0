package io.tenantry.hibernate;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.StoreGrant;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.fixture.Promotion;
import io.tenantry.hibernate.fixture.Resources;
import io.tenantry.hibernate.fixture.Sale;
import io.tenantry.test.TenantryMigrations;
import io.tenantry.test.TestDatabase;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

/**
 * Two companies on a real PostgreSQL database, built through the library itself: the session factory
 * and the ids of the seeded rows, immutable. Company A has stores A1, A2, A3; registers R1 and R1b in
 * A1, R2 in A2. Company B has store B1 with register RB. Both companies have a product with the same
 * SKU; overrides exist in A1, A2 and B1; a promotion of A features the A2 override; sales exist at R1,
 * R1b and RB. Test classes get one through {@link TwoCompaniesExtension}.
 */
record TwoCompanies(SessionFactory sf, List<Class<?>> extra, String extraSchema,
    UUID a, UUID b, UUID a1, UUID a2, UUID a3, UUID b1, UUID r1, UUID r1b, UUID r2, UUID rb,
    UUID productA, UUID productB, UUID overrideA1, UUID overrideA2, UUID overrideB1, UUID promotionA,
    UUID saleR1, UUID saleR1b, UUID saleRB, UUID cardA1, UUID cardB1) {

  static final List<Class<?>> ENTITIES = List.of(Company.class, Store.class, Register.class, UserAccount.class,
      Membership.class, StoreGrant.class, TenantSetting.class, Product.class, PriceOverride.class,
      Promotion.class, Sale.class, io.tenantry.hibernate.fixture.Payment.class,
      io.tenantry.hibernate.fixture.CardPayment.class);

  /** The same data seen through another session factory (e.g. one on the row-level-security DataSource). */
  TwoCompanies with(SessionFactory other) {
    return new TwoCompanies(other, extra, extraSchema, a, b, a1, a2, a3, b1, r1, r1b, r2, rb, productA, productB,
        overrideA1, overrideA2, overrideB1, promotionA, saleR1, saleR1b, saleRB, cardA1, cardB1);
  }

  /** Creates the schema as the owner, then opens Hibernate as the plain application role and seeds. */
  static TwoCompanies create(TestDatabase db, Map<String, Object> extraSettings) {
    return create(db, extraSettings, List.of(), null);
  }

  /** As {@link #create(TestDatabase, Map)}, with more entities and the schema resource of their tables. */
  static TwoCompanies create(TestDatabase db, Map<String, Object> extraSettings, List<Class<?>> extra,
      String extraSchema) {
    TenantryMigrations.migrate(db.adminDataSource());
    db.execute(Resources.text("fixture-schema.sql"));
    db.execute(Resources.text("fixture-joined-schema.sql"));
    if (extraSchema != null) {
      db.execute(Resources.text(extraSchema));
    }
    return new Seed(sessionFactory(db.appRole().dataSource(), extraSettings, extra)).rows(extra, extraSchema);
  }

  /** Both walls: seeded as {@link #create}, then the generated policies applied and Hibernate reopened on RLS. */
  static TwoCompanies createWithRls(TestDatabase db, io.tenantry.test.AppRole systemRole) {
    return createWithRls(db, systemRole, List.of(), null);
  }

  static TwoCompanies createWithRls(TestDatabase db, io.tenantry.test.AppRole systemRole, List<Class<?>> extra,
      String extraSchema) {
    TwoCompanies seeded = create(db, Map.of(), extra, extraSchema);
    // every mapped table gets its policy, TABLE_PER_CLASS tables included; the start-up audit then stops on any gap
    db.execute(io.tenantry.hibernate.rls.TenantryRls.mappingPolicySql(seeded.sf, systemRole.name()));
    seeded.sf.close();
    return seeded.with(sessionFactory(io.tenantry.hibernate.rls.TenantryRls.dataSource(db.appRole().dataSource(),
        systemRole.dataSource()), Map.of(), extra));
  }

  static SessionFactory sessionFactory(DataSource dataSource, Map<String, Object> extraSettings) {
    return sessionFactory(dataSource, extraSettings, List.of());
  }

  static SessionFactory sessionFactory(DataSource dataSource, Map<String, Object> extraSettings,
      List<Class<?>> extra) {
    Configuration cfg = new Configuration();
    ENTITIES.forEach(cfg::addAnnotatedClass);
    extra.forEach(cfg::addAnnotatedClass);
    TenantryHibernate.settings().forEach((k, v) -> cfg.setProperty(k, String.valueOf(v)));
    cfg.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    cfg.setProperty(AvailableSettings.HBM2DDL_AUTO, "validate");
    cfg.setProperty(AvailableSettings.USE_SECOND_LEVEL_CACHE, "true");
    cfg.setProperty(AvailableSettings.USE_QUERY_CACHE, "true");
    cfg.setProperty(AvailableSettings.CACHE_REGION_FACTORY, "jcache");
    cfg.setProperty("hibernate.javax.cache.missing_cache_strategy", "create");
    extraSettings.forEach((k, v) -> cfg.getProperties().put(k, v));
    return cfg.buildSessionFactory();
  }

  <T> T in(TenantContext ctx, Function<Session, T> work) {
    return Tenancy.supply(ctx, () -> sf.fromTransaction(work));
  }

  void run(TenantContext ctx, Consumer<Session> work) {
    Tenancy.run(ctx, () -> sf.inTransaction(work));
  }

  TenantContext storeA1() {
    return TenantContext.ofStore(a, a1);
  }

  TenantContext registerR1() {
    return TenantContext.ofRegister(a, a1, r1);
  }

  TenantContext ownerA() {
    return TenantContext.ofCompany(a);
  }

  TenantContext managerA1A2() {
    return TenantContext.builder(a).grantedStores(List.of(a1, a2)).principal("manager").build();
  }

  TenantContext storeB1() {
    return TenantContext.ofStore(b, b1);
  }

  /** Writes the rows, collecting their ids; the ids then go into the immutable record. */
  private static final class Seed {
    final SessionFactory sf;
    UUID a, b, a1, a2, a3, b1, r1, r1b, r2, rb;
    UUID productA, productB, overrideA1, overrideA2, overrideB1, promotionA, saleR1, saleR1b, saleRB;
    UUID cardA1, cardB1;

    Seed(SessionFactory sf) {
      this.sf = sf;
    }

    <T> T in(TenantContext ctx, Function<Session, T> work) {
      return Tenancy.supply(ctx, () -> sf.fromTransaction(work));
    }

    void run(TenantContext ctx, Consumer<Session> work) {
      Tenancy.run(ctx, () -> sf.inTransaction(work));
    }

    TwoCompanies rows(List<Class<?>> extra, String extraSchema) {
      a = Tenancy.supplyAsSystem("test seed: create company A", () -> sf.fromTransaction(s -> persist(s, new Company("A")).getId()));
      b = Tenancy.supplyAsSystem("test seed: create company B", () -> sf.fromTransaction(s -> persist(s, new Company("B")).getId()));
      run(TenantContext.ofCompany(a), s -> {
        a1 = persist(s, new Store("A1", ZoneId.of("UTC"))).getId();
        a2 = persist(s, new Store("A2", ZoneId.of("UTC"))).getId();
        a3 = persist(s, new Store("A3", ZoneId.of("UTC"))).getId();
      });
      run(TenantContext.ofCompany(a), s -> {
        r1 = persist(s, new Register("R1", a1)).getId();
        r1b = persist(s, new Register("R1b", a1)).getId();
        r2 = persist(s, new Register("R2", a2)).getId();
        Product p = persist(s, new Product("SKU-1", "Milk A", new BigDecimal("3.99")));
        productA = p.getId();
        overrideA1 = persist(s, new PriceOverride(p, new BigDecimal("3.49"), a1)).getId();
        PriceOverride o2 = persist(s, new PriceOverride(p, new BigDecimal("3.79"), a2));
        overrideA2 = o2.getId();
        promotionA = persist(s, new Promotion("featured at A2", o2)).getId();
      });
      b1 = in(TenantContext.ofCompany(b), s -> persist(s, new Store("B1", ZoneId.of("UTC"))).getId());
      run(TenantContext.ofCompany(b), s -> {
        rb = persist(s, new Register("RB", b1)).getId();
        Product p = persist(s, new Product("SKU-1", "Milk B", new BigDecimal("2.00")));
        productB = p.getId();
        overrideB1 = persist(s, new PriceOverride(p, new BigDecimal("1.50"), b1)).getId();
      });
      cardA1 = in(TenantContext.ofStore(a, a1), s -> persist(s, new io.tenantry.hibernate.fixture.CardPayment(BigDecimal.TEN, "4242")).getId());
      cardB1 = in(TenantContext.ofStore(b, b1), s -> persist(s, new io.tenantry.hibernate.fixture.CardPayment(BigDecimal.ONE, "1881")).getId());
      saleR1 = in(TenantContext.ofRegister(a, a1, r1), s -> persist(s, new Sale(s.getReference(Product.class, productA), BigDecimal.TEN)).getId());
      saleR1b = in(TenantContext.ofRegister(a, a1, r1b),
          s -> persist(s, new Sale(s.getReference(Product.class, productA), BigDecimal.ONE)).getId());
      saleRB = in(TenantContext.ofRegister(b, b1, rb),
          s -> persist(s, new Sale(s.getReference(Product.class, productB), new BigDecimal("2"))).getId());
      return new TwoCompanies(sf, extra, extraSchema, a, b, a1, a2, a3, b1, r1, r1b, r2, rb, productA, productB,
          overrideA1, overrideA2, overrideB1, promotionA, saleR1, saleR1b, saleRB, cardA1, cardB1);
    }
  }

  static <T> T persist(Session s, T entity) {
    s.persist(entity);
    s.flush();
    return entity;
  }
}
