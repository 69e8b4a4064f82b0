package io.tenantry.hibernate;

import static io.tenantry.hibernate.MatrixRow.across;

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
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * THREATS 7 and 8: every write against own row, another company's row, another store's row and with
 * no tenant bound. Each refusal is checked twice: the exception, and the database row read back
 * with the owner login afterwards, unchanged.
 *
 * The matrix is {@link #matrix()}: one parameterized row per write, named after what it does to each
 * target, running the checks that prove it.
 */
@TenantryPostgres
class WriteGuardMatrixTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  static TwoCompanies w;
  static TestDatabase db;

  @BeforeAll
  static void world(TestDatabase database) {
    db = database;
    w = seeded.seed(database);
  }

  /** The matrix, one row per write; each row runs the checks below that prove it. */
  static Stream<MatrixRow<WriteGuardMatrixTest>> matrix() {
    return Stream.of(
        MatrixRow.row("persist", "stamped A/A1", "(cannot name B)", "refused", "NoTenantBound",
            WriteGuardMatrixTest::persist_stampsCompanyAndStore, WriteGuardMatrixTest::persist_thenAutoFlushByAQuery_thenChange_isAnOrdinaryUpdate,
            WriteGuardMatrixTest::persist_forAnotherStore_isRefused, WriteGuardMatrixTest::persist_withNoTenant_failsClosed),
        MatrixRow.row("persist with register bound", "stamped A/A1/R1", "—", "—", "—", WriteGuardMatrixTest::persist_withRegisterBound_stampsRegister),
        MatrixRow.row("merge of a new row", "stamped A/A1/R1", "—", "—", "—", WriteGuardMatrixTest::merge_newRow_isStampedLikePersist),
        MatrixRow.row("persist a store as the owner", "stamped A", "—", "—", "—", WriteGuardMatrixTest::storeCreatedByOwner_isStampedWithCompany),
        MatrixRow.row("update of a managed row", "written", "(not loadable)", "(not loadable)", "—", WriteGuardMatrixTest::update_ownManagedRow_isWritten),
        MatrixRow.row("change of a tenant column (store)", "refused", "—", "refused", "—", WriteGuardMatrixTest::changingTenantColumn_isRefusedNotIgnored),
        MatrixRow.row("merge of a detached foreign entity", "—", "refused, unchanged", "refused, unchanged", "—",
            WriteGuardMatrixTest::merge_detachedEntityOfAnotherCompany_isRefusedAndRowUnchanged,
            WriteGuardMatrixTest::merge_detachedEntityOfAnotherStore_isRefusedAndRowUnchanged),
        MatrixRow.row("remove of a detached foreign entity", "—", "refused, row stays", "—", "—",
            WriteGuardMatrixTest::remove_detachedForeignEntity_isRefusedAndRowStays),
        MatrixRow.row("StatelessSession own rows: update, upsert, insert, delete", "written, stamped, deleted", "—", "—", "—",
            WriteGuardMatrixTest::stateless_ownRows_work),
        MatrixRow.row("StatelessSession insert for another store", "—", "—", "refused", "—",
            WriteGuardMatrixTest::stateless_insertForAnotherStore_isRefused),
        MatrixRow.row("StatelessSession update / delete / upsert of a foreign row", "—", "refused, unchanged",
            "refused, unchanged", "NoTenantBound", WriteGuardMatrixTest::stateless_updateDeleteUpsert_ofAnotherCompany_areRefused,
            WriteGuardMatrixTest::stateless_updateDeleteUpsert_ofAnotherStore_areRefused),
        MatrixRow.row("tenant switched in an open session", "—", "refused", "—", "refused (system access)",
            WriteGuardMatrixTest::switchingTenantInsideOpenSession_isRefused),
        across("Company insert", "refused, except in system access", WriteGuardMatrixTest::companyInsert_onlyAsSystem));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void matrix(MatrixRow<WriteGuardMatrixTest> row) {
    row.runOn(this);
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

  void persist_stampsCompanyAndStore() {
    PriceOverride created = w.in(TenantContext.ofStore(w.a(), w.a3()), (Session s) -> {
      Product p = s.find(Product.class, w.productA());
      return TwoCompanies.persist(s, new PriceOverride(p, new BigDecimal("4.00")));
    });
    assertThat(created.getCompanyId()).isEqualTo(w.a());
    assertThat(created.getStoreId()).isEqualTo(w.a3());
    assertThat(row("t_price_override", created.getId())).contains("company_id=" + w.a()).contains("store_id=" + w.a3());
  }

  void persist_thenAutoFlushByAQuery_thenChange_isAnOrdinaryUpdate() {
    // regression: the company stamped only at insert time was missing from the persistence
    // context's snapshot, so the later update looked like a change of tenant column
    UUID id = w.in(w.storeA1(), (Session s) -> {
      PriceOverride o = new PriceOverride(s.find(Product.class, w.productA()), new BigDecimal("1.00"));
      Product other = TwoCompanies.persist(s, new Product("SKU-AUTOFLUSH", "Eggs", BigDecimal.ONE));
      PriceOverride created = new PriceOverride(other, new BigDecimal("2.00"));
      s.persist(created);
      s.createSelectionQuery("from Product where sku = 'SKU-AUTOFLUSH'", Product.class)
          .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getResultList();
      created.setPrice(new BigDecimal("2.50"));
      return created.getId();
    });
    assertThat(row("t_price_override", id)).contains("price=2.50").contains("company_id=" + w.a());
  }

  void merge_newRow_isStampedLikePersist() {
    Sale merged = w.in(w.registerR1(), (Session s) -> {
      Sale copy = s.merge(new Sale(s.getReference(Product.class, w.productA()), new BigDecimal("3.00")));
      s.flush();
      return copy;
    });
    assertThat(merged.getCompanyId()).isEqualTo(w.a());
    assertThat(merged.getStoreId()).isEqualTo(w.a1());
    assertThat(merged.getRegisterId()).isEqualTo(w.r1());
    assertThat(row("t_sale", merged.getId())).contains("company_id=" + w.a()).contains("store_id=" + w.a1())
        .contains("register_id=" + w.r1());
  }

  void persist_withRegisterBound_stampsRegister() {
    Sale sale = w.in(w.registerR1(), (Session s) ->
        TwoCompanies.persist(s, new Sale(s.getReference(Product.class, w.productA()), BigDecimal.ONE)));
    assertThat(sale.getRegisterId()).isEqualTo(w.r1());
    assertThat(sale.getStoreId()).isEqualTo(w.a1());
  }

  void persist_forAnotherStore_isRefused() {
    long before = countOverrides();
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) ->
        TwoCompanies.persist(s, new PriceOverride(s.find(Product.class, w.productA()), BigDecimal.ONE, w.a2()))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("not the selected store");
    assertThatThrownBy(() -> w.run(w.managerA1A2(), (Session s) ->
        TwoCompanies.persist(s, new PriceOverride(s.find(Product.class, w.productA()), BigDecimal.ONE, w.a3()))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("not among the granted stores");
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) ->
        TwoCompanies.persist(s, new PriceOverride(s.find(Product.class, w.productA()), BigDecimal.ONE))))
        .isInstanceOf(TenantScopeRequiredException.class)
        .hasMessageContaining("needs a store");
    assertThat(countOverrides()).isEqualTo(before);
  }

  void persist_withNoTenant_failsClosed() {
    assertThatThrownBy(() -> w.sf().inTransaction((Session s) -> s.persist(new Product("X", "x", BigDecimal.ONE))))
        .isInstanceOf(NoTenantBoundException.class)
        .hasMessageContaining("Persisting Product");
    assertThatThrownBy(() -> Tenancy.asSystem("test", () -> w.sf().inTransaction((Session s) ->
        s.persist(new Product("X", "x", BigDecimal.ONE))))).isInstanceOf(NoTenantBoundException.class);
  }

  void companyInsert_onlyAsSystem() {
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> TwoCompanies.persist(s, new Company("Sneaky"))))
        .isInstanceOf(TenantIsolationException.class)
        .hasMessageContaining("Tenancy.runAsSystem");
    UUID c = Tenancy.asSystem("test: sign-up", () -> w.sf().fromTransaction((Session s) -> TwoCompanies.persist(s, new Company("New")).getId()));
    assertThat(row("tenantry_company", c)).contains("name=New");
  }

  void update_ownManagedRow_isWritten() {
    w.run(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1()).setPrice(new BigDecimal("3.48")));
    assertThat(row("t_price_override", w.overrideA1())).contains("price=3.48");
    w.run(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1()).setPrice(new BigDecimal("3.49")));
  }

  void changingTenantColumn_isRefusedNotIgnored() {
    String before = row("t_price_override", w.overrideA1());
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> {
      PriceOverride o = s.find(PriceOverride.class, w.overrideA1());
      o.moveTo(w.a2());
      o.setPrice(new BigDecimal("9.99"));
    })).isInstanceOf(TenantIsolationException.class).hasMessageContaining("tenant columns");
    assertThat(row("t_price_override", w.overrideA1())).isEqualTo(before);
  }

  void merge_detachedEntityOfAnotherCompany_isRefusedAndRowUnchanged() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1()));
    String before = row("t_price_override", w.overrideB1());
    foreign.setPrice(new BigDecimal("0.01"));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.merge(foreign)))
        // the scoped select finds no such row, so Hibernate refuses the merge as a stale entity
        .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
    assertThat(row("t_price_override", w.overrideB1())).isEqualTo(before);
  }

  void merge_detachedEntityOfAnotherStore_isRefusedAndRowUnchanged() {
    PriceOverride other = w.in(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA2()));
    String before = row("t_price_override", w.overrideA2());
    other.setPrice(new BigDecimal("0.01"));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.merge(other)))
        // the scoped select finds no such row, so Hibernate refuses the merge as a stale entity
        .isInstanceOf(jakarta.persistence.OptimisticLockException.class);
    assertThat(row("t_price_override", w.overrideA2())).isEqualTo(before);
  }

  void remove_detachedForeignEntity_isRefusedAndRowStays() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1()));
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.remove(foreign)))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("does not belong to the bound tenant");
    assertThat(row("t_price_override", w.overrideB1())).isNotEqualTo("<absent>");
  }

  void stateless_updateDeleteUpsert_ofAnotherCompany_areRefused() {
    PriceOverride foreign = w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1()));
    String before = row("t_price_override", w.overrideB1());
    foreign.setPrice(new BigDecimal("0.02"));
    for (java.util.function.Consumer<StatelessSession> attack : java.util.List.<java.util.function.Consumer<StatelessSession>>of(
        ss -> ss.update(foreign), ss -> ss.delete(foreign), ss -> ss.upsert(foreign))) {
      assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inStatelessTransaction(attack)))
          .isInstanceOf(TenantIsolationException.class);
      assertThat(row("t_price_override", w.overrideB1())).isEqualTo(before);
    }
  }

  void stateless_updateDeleteUpsert_ofAnotherStore_areRefused() {
    PriceOverride other = w.in(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA2()));
    String before = row("t_price_override", w.overrideA2());
    other.setPrice(new BigDecimal("0.02"));
    for (java.util.function.Consumer<StatelessSession> attack : java.util.List.<java.util.function.Consumer<StatelessSession>>of(
        ss -> ss.update(other), ss -> ss.delete(other), ss -> ss.upsert(other))) {
      assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inStatelessTransaction(attack)))
          .isInstanceOf(TenantIsolationException.class);
      assertThat(row("t_price_override", w.overrideA2())).isEqualTo(before);
    }
    assertThatThrownBy(() -> w.sf().inStatelessTransaction(ss -> ss.update(other)))
        .isInstanceOf(NoTenantBoundException.class);
    assertThat(row("t_price_override", w.overrideA2())).isEqualTo(before);
  }

  void stateless_ownRows_work() {
    PriceOverride mine = w.in(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1()));
    mine.setPrice(new BigDecimal("3.47"));
    Tenancy.run(w.storeA1(), () -> w.sf().inStatelessTransaction(ss -> ss.update(mine)));
    assertThat(row("t_price_override", w.overrideA1())).contains("price=3.47");
    mine.setPrice(new BigDecimal("3.49"));
    Tenancy.run(w.storeA1(), () -> w.sf().inStatelessTransaction(ss -> ss.upsert(mine)));
    assertThat(row("t_price_override", w.overrideA1())).contains("price=3.49");
    UUID fresh = w.in(w.ownerA(), (Session s) -> TwoCompanies.persist(s, new Product("SKU-STATELESS", "Bread", BigDecimal.ONE)).getId());
    UUID inserted = Tenancy.supply(TenantContext.ofStore(w.a(), w.a3()), () -> w.sf().fromStatelessTransaction(ss -> {
      PriceOverride o = new PriceOverride(ss.get(Product.class, fresh), new BigDecimal("5.00"));
      ss.insert(o);
      return o.getId();
    }));
    assertThat(row("t_price_override", inserted)).contains("company_id=" + w.a()).contains("store_id=" + w.a3());
    Tenancy.run(TenantContext.ofStore(w.a(), w.a3()), () -> w.sf().inStatelessTransaction(ss ->
        ss.delete(ss.get(PriceOverride.class, inserted))));
    assertThat(row("t_price_override", inserted)).isEqualTo("<absent>");
  }

  void stateless_insertForAnotherStore_isRefused() {
    long before = countOverrides();
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inStatelessTransaction(ss ->
        ss.insert(new PriceOverride(ss.get(Product.class, w.productA()), BigDecimal.ONE, w.a2())))))
        .isInstanceOf(TenantIsolationException.class);
    assertThat(countOverrides()).isEqualTo(before);
  }

  void switchingTenantInsideOpenSession_isRefused() {
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      s.find(Product.class, w.productA());
      Tenancy.run(w.storeB1(), () -> s.createSelectionQuery("from Product", Product.class).getResultList());
    }))).isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant inside an open session");
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      Product p = s.find(Product.class, w.productA());
      Tenancy.run(w.storeB1(), () -> s.find(Product.class, w.productA()));
    }))).isInstanceOf(TenantIsolationException.class);
    String before = row("t_product", w.productA());
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      Product p = s.find(Product.class, w.productA());
      p.setName("renamed under B");
      Tenancy.run(w.storeB1(), s::flush);
    }))).isInstanceOf(TenantIsolationException.class);
    assertThat(row("t_product", w.productA())).isEqualTo(before);
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      s.find(Product.class, w.productA());
      Tenancy.asSystem("sneak", () -> s.createSelectionQuery("from Product", Product.class).getResultList());
    }))).isInstanceOf(TenantIsolationException.class);
  }

  void storeCreatedByOwner_isStampedWithCompany() {
    Store s3 = w.in(w.ownerA(), (Session s) -> TwoCompanies.persist(s, new Store("A4", ZoneId.of("Europe/Madrid"))));
    assertThat(s3.getCompanyId()).isEqualTo(w.a());
    assertThat(row("tenantry_store", s3.getId())).contains("company_id=" + w.a());
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
