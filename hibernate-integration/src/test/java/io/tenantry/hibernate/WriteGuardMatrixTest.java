package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.fixture.Sale;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * THREATS 7 and 8: every write against own row, another company's row, another store's row and with
 * no tenant bound. Each refusal is checked twice: the exception, and the database row read back
 * with the owner login afterwards, unchanged.
 *
 * <pre>
 * | operation                           | own (A/A1)       | other company (B)  | other store (A2)  | no tenant      |
 * |-------------------------------------|------------------|--------------------|-------------------|----------------|
 * | persist                             | stamped A/A1     | (cannot name B)    | refused           | NoTenantBound  |
 * | persist with register bound         | stamped A/A1/R1  | —                  | —                 | —              |
 * | update of a managed row             | written          | (not loadable)     | (not loadable)    | NoTenantBound  |
 * | change of a tenant column (store)   | refused          | —                  | refused           | —              |
 * | merge of a detached foreign entity  | —                | refused, unchanged | refused, unchanged| NoTenantBound  |
 * | remove                              | deleted          | (not loadable)     | (not loadable)    | NoTenantBound  |
 * | StatelessSession insert             | stamped          | —                  | refused           | NoTenantBound  |
 * | StatelessSession update             | written          | refused, unchanged | refused, unchanged| NoTenantBound  |
 * | StatelessSession delete             | deleted          | refused, unchanged | refused, unchanged| NoTenantBound  |
 * | StatelessSession upsert             | written          | refused, unchanged | refused, unchanged| NoTenantBound  |
 * | tenant switched in an open session  | —                | refused            | —                 | refused        |
 * | Company insert                      | only in asSystem                                                          |
 * </pre>
 */
@TenantryPostgres
class WriteGuardMatrixTest {

  static World w;
  static TestDatabase db;

  @BeforeAll
  static void world(TestDatabase database) {
    db = database;
    w = World.create(database, Map.of());
  }

  @AfterAll
  static void close() {
    if (w != null) {
      w.sf.close();
    }
  }

  /** The row as the owner login sees it, bypassing every Tenantry layer. */
  static String row(String table, UUID id) {
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from " + table + " where id = '" + id + "'")) {
      if (!rs.next()) {
        return "<absent>";
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        sb.append(rs.getMetaData().getColumnName(i)).append('=').append(rs.getString(i)).append(';');
      }
      return sb.toString();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void persist_stampsCompanyAndStore() {
    PriceOverride created = w.in(TenantContext.ofStore(w.a, w.a3), (Session s) -> {
      Product p = s.find(Product.class, w.productA);
      return World.persist(s, new PriceOverride(p, new BigDecimal("4.00")));
    });
    assertThat(created.getCompanyId()).isEqualTo(w.a);
    assertThat(created.getStoreId()).isEqualTo(w.a3);
    assertThat(row("t_price_override", created.getId())).contains("company_id=" + w.a).contains("store_id=" + w.a3);
  }

  @Test
  void persist_thenAutoFlushByAQuery_thenChange_isAnOrdinaryUpdate() {
    // regression: the company stamped only at insert time was missing from the persistence
    // context's snapshot, so the later update looked like a change of tenant column
    UUID id = w.in(w.storeA1(), (Session s) -> {
      PriceOverride o = new PriceOverride(s.find(Product.class, w.productA), new BigDecimal("1.00"));
      Product other = World.persist(s, new Product("SKU-AUTOFLUSH", "Eggs", BigDecimal.ONE));
      PriceOverride created = new PriceOverride(other, new BigDecimal("2.00"));
      s.persist(created);
      s.createSelectionQuery("from Product where sku = 'SKU-AUTOFLUSH'", Product.class)
          .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
      created.setPrice(new BigDecimal("2.50"));
      return created.getId();
    });
    assertThat(row("t_price_override", id)).contains("price=2.50").contains("company_id=" + w.a);
  }

  @Test
  void persist_withRegisterBound_stampsRegister() {
    Sale sale = w.in(w.registerR1(), (Session s) ->
        World.persist(s, new Sale(s.getReference(Product.class, w.productA), BigDecimal.ONE)));
    assertThat(sale.getRegisterId()).isEqualTo(w.r1);
    assertThat(sale.getStoreId()).isEqualTo(w.a1);
  }

  @Test
  void persist_forAnotherStore_isRefused() {
    long before = countOverrides();
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) ->
        World.persist(s, new PriceOverride(s.find(Product.class, w.productA), BigDecimal.ONE, w.a2))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("not the selected store");
    assertThatThrownBy(() -> w.run(w.managerA1A2(), (Session s) ->
        World.persist(s, new PriceOverride(s.find(Product.class, w.productA), BigDecimal.ONE, w.a3))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("not among the granted stores");
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) ->
        World.persist(s, new PriceOverride(s.find(Product.class, w.productA), BigDecimal.ONE))))
        .isInstanceOf(TenantScopeRequiredException.class)
        .hasMessageContaining("needs a store");
    assertThat(countOverrides()).isEqualTo(before);
  }

  @Test
  void persist_withNoTenant_failsClosed() {
    assertThatThrownBy(() -> w.sf.inTransaction((Session s) -> s.persist(new Product("X", "x", BigDecimal.ONE))))
        .isInstanceOf(NoTenantBoundException.class)
        .hasMessageContaining("Persisting Product");
    assertThatThrownBy(() -> Tenancy.asSystem("test", () -> w.sf.inTransaction((Session s) ->
        s.persist(new Product("X", "x", BigDecimal.ONE))))).isInstanceOf(NoTenantBoundException.class);
  }

  @Test
  void companyInsert_onlyAsSystem() {
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> World.persist(s, new Company("Sneaky"))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("Tenancy.runAsSystem");
    UUID c = Tenancy.asSystem("test: sign-up", () -> w.sf.fromTransaction((Session s) -> World.persist(s, new Company("New")).getId()));
    assertThat(row("tenantry_company", c)).contains("name=New");
  }

  @Test
  void update_ownManagedRow_isWritten() {
    w.run(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1).setPrice(new BigDecimal("3.48")));
    assertThat(row("t_price_override", w.overrideA1)).contains("price=3.48");
    w.run(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1).setPrice(new BigDecimal("3.49")));
  }

  @Test
  void changingTenantColumn_isRefusedNotIgnored() {
    String before = row("t_price_override", w.overrideA1);
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> {
      PriceOverride o = s.find(PriceOverride.class, w.overrideA1);
      o.moveTo(w.a2);
      o.setPrice(new BigDecimal("9.99"));
    })).isInstanceOf(TenantIsolationException.class).hasMessageContaining("tenant columns");
    assertThat(row("t_price_override", w.overrideA1)).isEqualTo(before);
  }

  @Test
  void merge_detachedEntityOfAnotherCompany_isRefusedAndRowUnchanged() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1));
    String before = row("t_price_override", w.overrideB1);
    foreign.setPrice(new BigDecimal("0.01"));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.merge(foreign)))
        // the scoped select finds no such row, so Hibernate refuses the merge as a stale entity
        .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
    assertThat(row("t_price_override", w.overrideB1)).isEqualTo(before);
  }

  @Test
  void merge_detachedEntityOfAnotherStore_isRefusedAndRowUnchanged() {
    PriceOverride other = w.in(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA2));
    String before = row("t_price_override", w.overrideA2);
    other.setPrice(new BigDecimal("0.01"));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.merge(other)))
        // the scoped select finds no such row, so Hibernate refuses the merge as a stale entity
        .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
    assertThat(row("t_price_override", w.overrideA2)).isEqualTo(before);
  }

  @Test
  void remove_detachedForeignEntity_isRefusedAndRowStays() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.remove(foreign)))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("does not belong to the bound tenant");
    assertThat(row("t_price_override", w.overrideB1)).isNotEqualTo("<absent>");
  }

  @Test
  void stateless_updateDeleteUpsert_ofAnotherCompany_areRefused() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1));
    String before = row("t_price_override", w.overrideB1);
    foreign.setPrice(new BigDecimal("0.02"));
    for (java.util.function.Consumer<StatelessSession> attack : java.util.List.<java.util.function.Consumer<StatelessSession>>of(
        ss -> ss.update(foreign), ss -> ss.delete(foreign), ss -> ss.upsert(foreign))) {
      assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inStatelessTransaction(attack)))
          .isInstanceOf(TenantIsolationException.class);
      assertThat(row("t_price_override", w.overrideB1)).isEqualTo(before);
    }
  }

  @Test
  void stateless_updateDeleteUpsert_ofAnotherStore_areRefused() {
    PriceOverride other = w.in(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA2));
    String before = row("t_price_override", w.overrideA2);
    other.setPrice(new BigDecimal("0.02"));
    for (java.util.function.Consumer<StatelessSession> attack : java.util.List.<java.util.function.Consumer<StatelessSession>>of(
        ss -> ss.update(other), ss -> ss.delete(other), ss -> ss.upsert(other))) {
      assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inStatelessTransaction(attack)))
          .isInstanceOf(TenantIsolationException.class);
      assertThat(row("t_price_override", w.overrideA2)).isEqualTo(before);
    }
    assertThatThrownBy(() -> w.sf.inStatelessTransaction(ss -> ss.update(other)))
        .isInstanceOf(NoTenantBoundException.class);
    assertThat(row("t_price_override", w.overrideA2)).isEqualTo(before);
  }

  @Test
  void stateless_ownRows_work() {
    PriceOverride mine = w.in(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1));
    mine.setPrice(new BigDecimal("3.47"));
    Tenancy.run(w.storeA1(), () -> w.sf.inStatelessTransaction(ss -> ss.update(mine)));
    assertThat(row("t_price_override", w.overrideA1)).contains("price=3.47");
    mine.setPrice(new BigDecimal("3.49"));
    Tenancy.run(w.storeA1(), () -> w.sf.inStatelessTransaction(ss -> ss.upsert(mine)));
    assertThat(row("t_price_override", w.overrideA1)).contains("price=3.49");
    UUID fresh = w.in(w.ownerA(), (Session s) -> World.persist(s, new Product("SKU-STATELESS", "Bread", BigDecimal.ONE)).getId());
    UUID inserted = Tenancy.supply(TenantContext.ofStore(w.a, w.a3), () -> w.sf.fromStatelessTransaction(ss -> {
      PriceOverride o = new PriceOverride(ss.get(Product.class, fresh), new BigDecimal("5.00"));
      ss.insert(o);
      return o.getId();
    }));
    assertThat(row("t_price_override", inserted)).contains("company_id=" + w.a).contains("store_id=" + w.a3);
    Tenancy.run(TenantContext.ofStore(w.a, w.a3), () -> w.sf.inStatelessTransaction(ss ->
        ss.delete(ss.get(PriceOverride.class, inserted))));
    assertThat(row("t_price_override", inserted)).isEqualTo("<absent>");
  }

  @Test
  void stateless_insertForAnotherStore_isRefused() {
    long before = countOverrides();
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inStatelessTransaction(ss ->
        ss.insert(new PriceOverride(ss.get(Product.class, w.productA), BigDecimal.ONE, w.a2)))))
        .isInstanceOf(TenantIsolationException.class);
    assertThat(countOverrides()).isEqualTo(before);
  }

  @Test
  void switchingTenantInsideOpenSession_isRefused() {
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inTransaction((Session s) -> {
      s.find(Product.class, w.productA);
      Tenancy.run(w.storeB1(), () -> s.createSelectionQuery("from Product", Product.class).getResultList());
    }))).isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant inside an open session");
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inTransaction((Session s) -> {
      Product p = s.find(Product.class, w.productA);
      Tenancy.run(w.storeB1(), () -> s.find(Product.class, w.productA));
    }))).isInstanceOf(TenantIsolationException.class);
    String before = row("t_product", w.productA);
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inTransaction((Session s) -> {
      Product p = s.find(Product.class, w.productA);
      p.setName("renamed under B");
      Tenancy.run(w.storeB1(), s::flush);
    }))).isInstanceOf(TenantIsolationException.class);
    assertThat(row("t_product", w.productA)).isEqualTo(before);
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf.inTransaction((Session s) -> {
      s.find(Product.class, w.productA);
      Tenancy.asSystem("sneak", () -> s.createSelectionQuery("from Product", Product.class).getResultList());
    }))).isInstanceOf(TenantIsolationException.class);
  }

  @Test
  void storeCreatedByOwner_isStampedWithCompany() {
    Store s3 = w.in(w.ownerA(), (Session s) -> World.persist(s, new Store("A4", ZoneId.of("Europe/Madrid"))));
    assertThat(s3.getCompanyId()).isEqualTo(w.a);
    assertThat(row("tenantry_store", s3.getId())).contains("company_id=" + w.a);
  }

  static long countOverrides() {
    try (Connection c = db.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select count(*) from t_price_override")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
