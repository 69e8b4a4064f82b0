package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.TenantContext;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link KindsMatrixContract} with both walls: the generated policies and the row-level-security DataSource. */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KindsMatrixBothWallsTest extends KindsMatrixContract {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.withRls(ENTITIES, SCHEMA);

  TwoCompanies w;
  TestDatabase db;

  @BeforeAll
  void world(TestDatabase database) {
    db = database;
    w = seeded.seed(database);
  }

  /**
   * Wall 2 alone: native SQL, which Hibernate never rewrites, over the tables of every mapping kind
   * (TABLE_PER_CLASS's concrete table, element-collection, join and secondary tables included) shows
   * another company and another store nothing of the row, and the owner its content.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void nativeSql_overEveryMappedTable_showsAnotherCompanyAndStoreNothing(Kind kind) {
    UUID id = create(kind, w.storeA1());
    String sql = String.format(kind.contentSql(), id);
    String own = content(kind, id);
    assertThat(own).as("the row's content, read by the owner login").isNotNull();
    for (TenantContext other : List.of(w.storeB1(), TenantContext.ofStore(w.a(), w.a2()))) {
      List<?> seen = w.in(other, (Session s) -> s.createNativeQuery(sql, Object.class).getResultList());
      assertThat(seen).as(other.toString()).allMatch(v -> v == null || "0".equals(String.valueOf(v)));
    }
    List<?> mine = w.in(w.storeA1(), (Session s) -> s.createNativeQuery(sql, Object.class).getResultList());
    assertThat(mine).extracting(String::valueOf).containsExactly(own);
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
