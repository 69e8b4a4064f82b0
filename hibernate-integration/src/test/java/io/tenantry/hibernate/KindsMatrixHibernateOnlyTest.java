package io.tenantry.hibernate;

import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;

/** {@link KindsMatrixContract} with Hibernate scoping alone: no row-level security policies exist. */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KindsMatrixHibernateOnlyTest extends KindsMatrixContract {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain(ENTITIES, SCHEMA);

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
