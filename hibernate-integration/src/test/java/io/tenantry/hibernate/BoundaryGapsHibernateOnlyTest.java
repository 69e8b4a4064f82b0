package io.tenantry.hibernate;

import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** {@link BoundaryGapsContract} with Hibernate scoping alone: no row-level security policies exist. */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BoundaryGapsHibernateOnlyTest extends BoundaryGapsContract {

  World w;
  TestDatabase db;

  @BeforeAll
  void world(TestDatabase database) {
    db = database;
    w = World.create(database, Map.of());
  }

  @AfterAll
  void close() {
    if (w != null) {
      w.sf.close();
    }
  }

  @Override
  World w() {
    return w;
  }

  @Override
  TestDatabase db() {
    return db;
  }
}
