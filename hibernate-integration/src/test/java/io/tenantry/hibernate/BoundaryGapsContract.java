package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.hibernate.fixture.CardPayment;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.OptimisticLockException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.junit.jupiter.api.Test;

/**
 * The paths of issue 17 that crossed a tenant boundary, each attempted against a second company and a
 * second store, once with Hibernate scoping alone ({@link BoundaryGapsHibernateOnlyTest}: no policies)
 * and once with both walls ({@link BoundaryGapsBothWallsTest}). Every refusal is checked twice: the
 * exception names what happened and the fix, and the row read back by the database owner is unchanged.
 *
 * <pre>
 * | item | attempt                                                    | other company (B)   | other store (A2)     |
 * |------|------------------------------------------------------------|---------------------|----------------------|
 * | 1    | JOINED bulk update (with-CTE SQL) assigning store/company  | refused, unchanged  | refused, unchanged   |
 * | 2    | HQL insert ... values naming the tenant                    | refused, none added | refused, none added  |
 * | 2    | HQL insert ... select with a tenant not from the rows      | refused             | refused              |
 * | 2    | HQL insert into a JOINED hierarchy (multi-table)           | refused             | refused              |
 * | 3    | stale managed row whose id now names another tenant's row  | 0 rows, exception   | 0 rows, exception    |
 * | 4    | change only storeId / companyId of a managed entity        | refused, unchanged  | refused, unchanged   |
 * | 5    | find / getReference / lazy collection after a tenant switch| refused, not cached | —                    |
 * </pre>
 */
abstract class BoundaryGapsContract {

  abstract TwoCompanies w();

  abstract TestDatabase db();

  String query(String sql) {
    try (Connection c = db().adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  void admin(String sql) {
    try (Connection c = db().adminDataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- item 1: bulk updates of a JOINED hierarchy ------------------------------------------------------

  @Test
  void item1_joinedBulkUpdate_assigningATenantColumn_isRefused_andNothingMoves() {
    TwoCompanies w = w();
    for (var ctx : java.util.List.of(w.storeA1(), w.ownerA())) {
      assertThatThrownBy(() -> w.run(ctx, (Session s) -> s.createMutationQuery(
          "update CardPayment set storeId = :s").setParameter("s", w.a2()).executeUpdate()))
          .isInstanceOf(TenantIsolationException.class).hasMessageContaining("store_id")
          .hasMessageContaining("Create the row again");
      assertThatThrownBy(() -> w.run(ctx, (Session s) -> s.createMutationQuery(
          "update CardPayment set last4 = '0000', companyId = :c").setParameter("c", w.b()).executeUpdate()))
          .isInstanceOf(TenantIsolationException.class).hasMessageContaining("company_id");
      assertThatThrownBy(() -> w.run(ctx, (Session s) -> s.createMutationQuery(
          "update Payment p set p.storeId = :s where p.id = :id").setParameter("s", w.a2())
          .setParameter("id", w.cardA1()).executeUpdate()))
          .isInstanceOf(TenantIsolationException.class).hasMessageContaining("store_id");
    }
    assertThat(query("select store_id || '/' || company_id from t_payment where id = '" + w.cardA1() + "'"))
        .isEqualTo(w.a1() + "/" + w.a());
    assertThat(query("select last4 from t_card_payment where id = '" + w.cardA1() + "'")).isEqualTo("4242");
    // ordinary JOINED bulk updates still work, and only on visible rows
    assertThat(w.in(w.storeA1(), (Session s) -> s.createMutationQuery("update CardPayment set last4 = '4242' "
        + "where id in :ids").setParameter("ids", java.util.List.of(w.cardA1(), w.cardB1())).executeUpdate())).isEqualTo(1);
    assertThat(query("select last4 from t_card_payment where id = '" + w.cardB1() + "'")).isEqualTo("1881");
  }

  // ---- item 2: HQL insert naming another company or store ------------------------------------------------

  long overrides() {
    return Long.parseLong(query("select count(*) from t_price_override"));
  }

  @Test
  void item2_hqlInsertValues_namingAnotherCompanyOrStore_isRefused_ownIsStampedOrChecked() {
    TwoCompanies w = w();
    UUID[] products = freshProducts("INS-VALUES");
    long before = overrides();
    String insert = "insert into PriceOverride (id, companyId, storeId, product.id, price) values (:id, :c, :s, :p, 1)";
    for (UUID[] target : new UUID[][] {{w.b(), w.b1()}, {w.a(), w.a2()}, {w.b(), w.a1()}}) {
      assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.createMutationQuery(insert)
          .setParameter("id", UUID.randomUUID()).setParameter("c", target[0]).setParameter("s", target[1])
          .setParameter("p", products[0]).executeUpdate()))
          .as(target[0] + "/" + target[1]).isInstanceOf(TenantIsolationException.class)
          .hasMessageContaining("is refused: it is not").hasMessageContaining("leave");
    }
    assertThat(overrides()).isEqualTo(before);
    // naming its own company and store is fine; leaving them out stamps them
    UUID own = UUID.randomUUID();
    w.run(w.storeA1(), (Session s) -> s.createMutationQuery(insert).setParameter("id", own).setParameter("c", w.a())
        .setParameter("s", w.a1()).setParameter("p", products[0]).executeUpdate());
    UUID stamped = UUID.randomUUID();
    UUID[] more = freshProducts("INS-STAMP");
    w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into PriceOverride (id, product.id, price) "
        + "values (:id, :p, 2)").setParameter("id", stamped).setParameter("p", more[0]).executeUpdate());
    assertThat(query("select company_id || '/' || store_id from t_price_override where id = '" + own + "'"))
        .isEqualTo(w.a() + "/" + w.a1());
    assertThat(query("select company_id || '/' || store_id from t_price_override where id = '" + stamped + "'"))
        .isEqualTo(w.a() + "/" + w.a1());
  }

  @Test
  void item2_hqlInsertSelect_namingAnotherStore_isRefused_fromTheSelectedRowsIsScoped() {
    TwoCompanies w = w();
    long before = overrides();
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> s.createMutationQuery("insert into PriceOverride "
        + "(id, companyId, storeId, product, price) select :id, o.companyId, :s, o.product, o.price "
        + "from PriceOverride o").setParameter("id", UUID.randomUUID()).setParameter("s", w.b1()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("take storeId from the selected rows");
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into PriceOverride "
        + "(id, companyId, storeId, product, price) select :id, :c, o.storeId, o.product, o.price "
        + "from PriceOverride o").setParameter("id", UUID.randomUUID()).setParameter("c", w.b()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("take companyId from the selected rows");
    assertThat(overrides()).isEqualTo(before);
  }

  @Test
  void item2_hqlInsertIntoAJoinedHierarchy_isRefused_nothingInserted() {
    TwoCompanies w = w();
    String before = query("select count(*) from t_payment");
    for (UUID[] target : new UUID[][] {{w.b(), w.b1()}, {w.a(), w.a2()}, {w.a(), w.a1()}}) {
      assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into CardPayment "
          + "(id, companyId, storeId, amount, last4) values (:id, :c, :s, 1, '1234')").setParameter("id", UUID.randomUUID())
          .setParameter("c", target[0]).setParameter("s", target[1]).executeUpdate()))
          .isInstanceOf(TenantIsolationException.class).hasMessageContaining("Create them with persist");
    }
    assertThat(query("select count(*) from t_payment")).isEqualTo(before);
  }

  // ---- item 3: a stale managed instance ----------------------------------------------------------------

  /** A fresh product of company A and one of company B, created by the owner login. */
  UUID[] freshProducts(String sku) {
    TwoCompanies w = w();
    UUID pa = UUID.randomUUID();
    UUID pb = UUID.randomUUID();
    admin("insert into t_product (id, company_id, sku, name, base_price) values ('" + pa + "', '" + w.a() + "', '"
        + sku + "', 'A', 1), ('" + pb + "', '" + w.b() + "', '" + sku + "', 'B', 1)");
    return new UUID[] {pa, pb};
  }

  /** Replaces the row {@code id} of company A by a row of company B (store B1) with the same id. */
  void idNowNamesARowOfB(UUID id, UUID productB) {
    TwoCompanies w = w();
    admin("delete from t_price_override where id = '" + id + "'; insert into t_price_override "
        + "(id, company_id, store_id, product_id, price) values ('" + id + "', '" + w.b() + "', '" + w.b1() + "', '"
        + productB + "', 7.77)");
  }

  /** The same, but to a row of store A2 of the same company. */
  void idNowNamesARowOfA2(UUID id, UUID productA) {
    TwoCompanies w = w();
    admin("delete from t_price_override where id = '" + id + "'; insert into t_price_override "
        + "(id, company_id, store_id, product_id, price) values ('" + id + "', '" + w.a() + "', '" + w.a2() + "', '"
        + productA + "', 7.77)");
  }

  @Test
  void item3_staleInstance_updateAndDelete_neverTouchAnotherTenantsRow() {
    TwoCompanies w = w();
    for (boolean otherCompany : new boolean[] {true, false}) {
      for (boolean delete : new boolean[] {false, true}) {
        UUID[] products = freshProducts("STALE-" + otherCompany + delete);
        UUID id = w.in(w.storeA1(), (Session s) ->
            TwoCompanies.persist(s, new PriceOverride(s.find(Product.class, products[0]), BigDecimal.ONE)).getId());
        String what = (otherCompany ? "other company" : "other store") + (delete ? ", delete" : ", update");
        assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> {
          PriceOverride mine = s.find(PriceOverride.class, id);
          if (otherCompany) {
            idNowNamesARowOfB(id, products[1]);
          } else {
            idNowNamesARowOfA2(id, products[0]);
          }
          if (delete) {
            s.remove(mine);
          } else {
            mine.setPrice(new BigDecimal("0.01"));
          }
          s.flush();
        })).as(what).isInstanceOfAny(StaleStateException.class, OptimisticLockException.class)
            .hasStackTraceContaining("matched no row with the id and the tenant")
            .hasStackTraceContaining("Load it again inside the bound tenant");
        assertThat(query("select company_id || '/' || store_id || '/' || price from t_price_override where id = '"
            + id + "'")).as(what).isEqualTo((otherCompany ? w.b() + "/" + w.b1() : w.a() + "/" + w.a2()) + "/7.77");
      }
    }
  }

  // ---- item 4: only a tenant column changed ------------------------------------------------------------

  @Test
  void item4_changingOnlyTheStore_orOnlyTheCompany_ofAManagedEntity_throws() {
    TwoCompanies w = w();
    String before = query("select company_id || '/' || store_id from t_price_override where id = '" + w.overrideA1() + "'");
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA1()).moveTo(w.a2())))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("storeId from " + w.a1() + " to " + w.a2())
        .hasMessageContaining("create the row again");
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> setCompany(s.find(PriceOverride.class, w.overrideA1()), w.b())))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("companyId from " + w.a() + " to " + w.b());
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> setCompany(s.find(Product.class, w.productA()), w.b())))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("companyId");
    assertThat(query("select company_id || '/' || store_id from t_price_override where id = '" + w.overrideA1() + "'"))
        .isEqualTo(before);
    assertThat(query("select company_id from t_product where id = '" + w.productA() + "'")).isEqualTo(w.a().toString());
  }

  /** Sets the company field, whether a base class or the entity's own {@code @CompanyId} field holds it. */
  static void setCompany(Object entity, UUID company) {
    Class<?> declaring = entity.getClass();
    while (java.util.Arrays.stream(declaring.getDeclaredFields()).noneMatch(f -> f.getName().equals("companyId"))) {
      declaring = declaring.getSuperclass();
    }
    setField(entity, declaring, "companyId", company);
  }

  /** What a bug or an attacker with a reference could do: no setter exists for tenant columns. */
  static void setField(Object entity, Class<?> declaring, String name, Object value) {
    try {
      Field f = declaring.getDeclaredField(name);
      f.setAccessible(true);
      f.set(entity, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- item 5: tenant switched inside an open session -----------------------------------------------------

  @Test
  void item5_findAndGetReference_afterATenantSwitch_areRefused_andNothingIsCached() {
    TwoCompanies w = w();
    w.sf().getCache().evictAll();
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      s.find(Product.class, w.productA());
      Tenancy.run(w.storeB1(), () -> s.find(Product.class, w.productB()));
    }))).isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant inside an open session");
    assertThat(w.sf().getCache().containsEntity(Product.class, w.productB())).as("B's product not cached").isFalse();
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) ->
        Tenancy.run(w.storeB1(), () -> s.getReference(Product.class, w.productB()).getName()))))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant");
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      Product mine = s.find(Product.class, w.productA());
      Tenancy.run(w.storeB1(), () -> mine.getOverrides().size());
    }))).isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant");
    // the legitimate reads afterwards see their own rows
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(Product.class, w.productB()).getName())).isEqualTo("Milk B");
    assertThat(w.in(w.storeA1(), (Session s) -> ScopingMatrixTest.ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactly(w.overrideA1());
  }
}
