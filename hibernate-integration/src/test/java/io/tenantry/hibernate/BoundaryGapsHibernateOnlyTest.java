package io.tenantry.hibernate;

import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/** {@link BoundaryGapsContract} with Hibernate scoping alone: no row-level security policies exist. */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundaryGapsHibernateOnlyTest extends BoundaryGapsContract {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  TwoCompanies w;
  TestDatabase db;

  @BeforeAll
  void world(TestDatabase database) {
    db = database;
    w = seeded.seed(database);
  }

  @Override
  TwoCompanies w() {
    return w;
  }

  @Override
  TestDatabase db() {
    return db;
  }
}
