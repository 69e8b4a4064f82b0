package io.tenantry.hibernate;

import io.tenantry.core.TenantContext;
import io.tenantry.test.AppRole;
import io.tenantry.test.TestDatabase;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * The test {@link TwoCompanies} for tests in other packages: seeded without row-level security, then
 * policies generated from the mapping are applied and Hibernate is reopened on the RLS DataSource.
 */
public final class TwoCompaniesAccess {

  private final TwoCompanies w;

  private TwoCompaniesAccess(TwoCompanies w) {
    this.w = w;
  }

  public static TwoCompaniesAccess createWithRls(TestDatabase db, AppRole systemRole) {
    return new TwoCompaniesAccess(TwoCompanies.createWithRls(db, systemRole));
  }

  /** A session factory over the test entities, schema-validated unless the settings say otherwise. */
  public static SessionFactory sessionFactory(javax.sql.DataSource dataSource, Map<String, Object> settings) {
    return TwoCompanies.sessionFactory(dataSource, settings);
  }

  public SessionFactory sf() {
    return w.sf();
  }

  public <T> T in(TenantContext ctx, Function<Session, T> work) {
    return w.in(ctx, work);
  }

  public void close() {
    w.sf().close();
  }

  public TenantContext storeA1() { return w.storeA1(); }
  public TenantContext storeB1() { return w.storeB1(); }
  public TenantContext ownerA() { return w.ownerA(); }
  public TenantContext registerR1() { return w.registerR1(); }
  public UUID a() { return w.a(); }
  public UUID b() { return w.b(); }
  public UUID a1() { return w.a1(); }
  public UUID a2() { return w.a2(); }
  public UUID productA() { return w.productA(); }
  public UUID productB() { return w.productB(); }
  public UUID overrideA1() { return w.overrideA1(); }
  public UUID overrideA2() { return w.overrideA2(); }
  public UUID overrideB1() { return w.overrideB1(); }
  public UUID saleR1() { return w.saleR1(); }
  public UUID cardA1() { return w.cardA1(); }
  public UUID cardB1() { return w.cardB1(); }
}
