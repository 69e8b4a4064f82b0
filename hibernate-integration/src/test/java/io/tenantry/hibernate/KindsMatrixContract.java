package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.model.CompanyOwned;
import io.tenantry.hibernate.fixture.CardPayment;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.fixture.kinds.Device;
import io.tenantry.hibernate.fixture.kinds.GiftVoucher;
import io.tenantry.hibernate.fixture.kinds.Label;
import io.tenantry.hibernate.fixture.kinds.Scanner;
import io.tenantry.hibernate.fixture.kinds.Shelf;
import io.tenantry.hibernate.fixture.kinds.Shift;
import io.tenantry.hibernate.fixture.kinds.Voucher;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.StaleStateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of Hibernate's own multi-tenancy tests ({@code org.hibernate.orm.test.tenantid}:
 * TenantIdTest, TenantIdMutationTest, TenantIdIdentifierMutationTest, TenantIdNaturalIdTest,
 * TenantIdSecondaryTableUpdateTest, RootTenantCacheTest) as a matrix over mapping kinds, run with
 * Hibernate scoping alone ({@link KindsMatrixHibernateOnlyTest}) and with both walls
 * ({@link KindsMatrixBothWallsTest}). Each row is attempted against a second company (B/B1) and a
 * second store of the same company (A2); the outcome is checked in the database with the owner login.
 *
 * <pre>
 * | scenario (Hibernate test)                        | element coll. | many-to-many | JOINED | SINGLE_TABLE | TABLE_PER_CLASS | secondary table | soft delete + version |
 * |--------------------------------------------------|---------------|--------------|--------|--------------|-----------------|-----------------|-----------------------|
 * | persist stamps A/A1; B1, A2 see nothing (TenantIdTest)          | all kinds: find null, HQL 0 rows, kind content empty                                  |
 * | bulk update/delete of the row as B1, A2 (TenantIdTest)          | all kinds: 0 rows, row unchanged                                                      |
 * | stale instance, row now B's or A2's (TenantIdMutationTest)      | all kinds: exception, the other tenant's row (and its child rows) unchanged           |
 * | only the store changed (TenantIdIdentifierMutationTest)         | all kinds: TenantIsolationException, unchanged                                        |
 * | find after a tenant switch in the session                       | all kinds: refused                                                                    |
 * | cached by the owner, read by A1/B1 (RootTenantCacheTest)        | all kinds: null, never an exception; owner still hits                                 |
 * | natural id repeated in A and B (TenantIdNaturalIdTest)          | company level (Label): each resolves its own; store level (Shift): A2 resolves none   |
 * | forced version increment, soft delete of a stale instance       | Shift: the other tenant's row keeps its version and is not deleted                    |
 * | query cache: scalar over store rows, then another store          | each store gets its own sum                                                          |
 * | HQL insert naming another tenant                                | SINGLE_TABLE: refused at execution, own stamped; secondary table: refused            |
 * | system access after a tenant's write (entity, query cache)      | sees the write                                                                        |
 * </pre>
 */
abstract class KindsMatrixContract {

  static final List<Class<?>> ENTITIES = List.of(Label.class, Shelf.class, Device.class, Scanner.class,
      Voucher.class, GiftVoucher.class, Shift.class);
  static final String SCHEMA = "fixture-kinds-schema.sql";

  abstract TwoCompanies w();

  abstract TestDatabase db();

  /**
   * One mapping kind: how to create a row as the bound tenant, its root table, an ordinary change
   * ({@code change}) and what the database holds of it that the change touches ({@code content}).
   */
  record Kind(String name, Class<? extends CompanyOwned> type, String table,
      BiFunction<Session, TwoCompanies, CompanyOwned> create, BiConsumer<Session, CompanyOwned> change,
      String contentSql, String bulkSet) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Kind> kinds() {
    return Stream.of(
        new Kind("@ElementCollection", Shelf.class, "t_k_shelf",
            (s, w) -> { Shelf x = new Shelf("shelf", "note"); x.getTags().add("t1"); return x; },
            (s, x) -> ((Shelf) x).getTags().add("t2"),
            "select string_agg(tag, ',' order by tag) from t_k_shelf_tag where shelf_id = '%s'", "name = 'bulk'"),
        new Kind("@ManyToMany", Shelf.class, "t_k_shelf",
            (s, w) -> { Shelf x = new Shelf("shelf", "note"); x.getLabels().add(label(s, "L1")); return x; },
            (s, x) -> ((Shelf) x).getLabels().add(label(s, "L2")),
            "select count(*) from t_k_shelf_label where shelf_id = '%s'", "name = 'bulk'"),
        new Kind("JOINED", CardPayment.class, "t_payment",
            (s, w) -> new CardPayment(BigDecimal.ONE, "1111"),
            (s, x) -> ((CardPayment) x).setLast4("2222"),
            "select amount || '/' || last4 from t_payment join t_card_payment using (id) where id = '%s'", "last4 = '9999'"),
        new Kind("SINGLE_TABLE", Scanner.class, "t_k_device",
            (s, w) -> new Scanner("scanner", 300),
            (s, x) -> ((Device) x).setName("renamed"),
            "select name from t_k_device where id = '%s'", "name = 'bulk'"),
        new Kind("TABLE_PER_CLASS", GiftVoucher.class, "t_k_gift_voucher",
            (s, w) -> new GiftVoucher(BigDecimal.TEN, "hi"),
            (s, x) -> ((Voucher) x).setAmount(new BigDecimal("11.00")),
            "select amount from t_k_gift_voucher where id = '%s'", "amount = 99"),
        new Kind("@SecondaryTable", Shelf.class, "t_k_shelf",
            (s, w) -> new Shelf("shelf", "note"),
            (s, x) -> ((Shelf) x).setNote("changed"),
            "select note from t_k_shelf_detail where shelf_id = '%s'", "note = 'bulk'"),
        new Kind("@SoftDelete @Version @NaturalId", Shift.class, "t_k_shift",
            (s, w) -> new Shift("SH-" + UUID.randomUUID(), "ann"),
            (s, x) -> ((Shift) x).setCashier("bob"),
            "select cashier || '/' || version || '/' || deleted from t_k_shift where id = '%s'", "cashier = 'bulk'"));
  }

  static Label label(Session s, String code) {
    Label found = s.bySimpleNaturalId(Label.class).load(code);
    if (found == null) {
      found = new Label(code, code);
      s.persist(found);
    }
    return found;
  }

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

  /**
   * Makes the row's id name a row of another tenant, as a concurrent delete and re-insert would. With both
   * walls the schema's composite foreign keys of the child tables refuse such a move; the owner login
   * suspends them for this one statement (session_replication_role), which only a superuser can.
   */
  void moveRow(Kind kind, UUID id, UUID company, UUID store) {
    admin("set session_replication_role = replica; update " + kind.table() + " set company_id = '" + company
        + "', store_id = '" + store + "' where id = '" + id + "'; set session_replication_role = default");
  }

  UUID create(Kind kind, TenantContext ctx) {
    return w().in(ctx, (Session s) -> TwoCompanies.persist(s, kind.create().apply(s, w())).getId());
  }

  String content(Kind kind, UUID id) {
    return query(String.format(kind.contentSql(), id));
  }

  String tenantOf(Kind kind, UUID id) {
    return query("select company_id || '/' || store_id from " + kind.table() + " where id = '" + id + "'");
  }

  String entityName(Kind kind) {
    return kind.type().getSimpleName();
  }

  /** Loads the row with everything the change touches initialised. */
  static CompanyOwned load(Session s, Kind kind, UUID id) {
    CompanyOwned x = s.find(kind.type(), id);
    if (x instanceof Shelf) {
      Hibernate.initialize(((Shelf) x).getTags());
      Hibernate.initialize(((Shelf) x).getLabels());
    }
    return x;
  }

  // ---- TenantIdTest: stamped, and invisible to other tenants ----------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void persist_isStamped_andInvisibleToAnotherCompanyAndStore(Kind kind) {
    TwoCompanies w = w();
    UUID id = create(kind, w.storeA1());
    assertThat(tenantOf(kind, id)).isEqualTo(w.a() + "/" + w.a1());
    for (TenantContext other : List.of(w.storeB1(), TenantContext.ofStore(w.a(), w.a2()))) {
      assertThat(w.in(other, (Session s) -> s.find(kind.type(), id))).as(other.toString()).isNull();
      assertThat(w.in(other, (Session s) -> s.createSelectionQuery("select count(*) from " + entityName(kind)
          + " e where e.id = :id", Long.class).setParameter("id", id).getSingleResult())).isZero();
    }
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> s.createSelectionQuery(
        "select t from Shelf s join s.tags t where s.id = :id", String.class).setParameter("id", id).getResultList()))
        .isEmpty();
    assertThat(w.in(w.ownerA(), (Session s) -> s.find(kind.type(), id))).isNotNull();
  }

  // ---- TenantIdTest: bulk mutation of another tenant's row ------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void bulkUpdateAndDelete_ofAnotherTenantsRow_touchNothing(Kind kind) {
    TwoCompanies w = w();
    UUID id = create(kind, w.storeA1());
    String before = content(kind, id);
    for (TenantContext other : List.of(w.storeB1(), TenantContext.ofStore(w.a(), w.a2()))) {
      assertThat(w.in(other, (Session s) -> s.createMutationQuery("update " + entityName(kind) + " set "
          + kind.bulkSet() + " where id = :id").setParameter("id", id).executeUpdate())).as(other.toString()).isZero();
      assertThat(w.in(other, (Session s) -> s.createMutationQuery("delete from " + entityName(kind)
          + " where id = :id").setParameter("id", id).executeUpdate())).as(other.toString()).isZero();
      assertThatThrownBy(() -> w.run(other, (Session s) -> s.createMutationQuery("update " + entityName(kind)
          + " set storeId = :s where id = :id").setParameter("s", other.storeId().orElseThrow()).setParameter("id", id)
          .executeUpdate())).isInstanceOf(TenantIsolationException.class).hasMessageContaining("store_id");
    }
    assertThat(content(kind, id)).isEqualTo(before);
    assertThat(tenantOf(kind, id)).isEqualTo(w.a() + "/" + w.a1());
  }

  // ---- TenantIdMutationTest: a stale instance never writes another tenant's row ---------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void staleInstance_whoseRowNowBelongsToAnotherTenant_neverWritesIt(Kind kind) {
    TwoCompanies w = w();
    for (boolean otherCompany : new boolean[] {true, false}) {
      UUID id = create(kind, w.storeA1());
      String before = content(kind, id);
      String moved = otherCompany ? w.b() + "/" + w.b1() : w.a() + "/" + w.a2();
      assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> {
        CompanyOwned mine = load(s, kind, id);
        moveRow(kind, id, otherCompany ? w.b() : w.a(), otherCompany ? w.b1() : w.a2());
        kind.change().accept(s, mine);
        s.flush();
      })).as(kind + (otherCompany ? " other company" : " other store"))
          .isInstanceOfAny(StaleStateException.class, OptimisticLockException.class, TenantIsolationException.class);
      assertThat(content(kind, id)).as(kind + " content").isEqualTo(before);
      assertThat(tenantOf(kind, id)).isEqualTo(moved);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void staleInstance_removed_neverDeletesAnotherTenantsRow(Kind kind) {
    TwoCompanies w = w();
    UUID id = create(kind, w.storeA1());
    String before = content(kind, id);
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> {
      CompanyOwned mine = load(s, kind, id);
      moveRow(kind, id, w.b(), w.b1());
      s.remove(mine);
      s.flush();
    })).isInstanceOfAny(StaleStateException.class, OptimisticLockException.class, TenantIsolationException.class);
    assertThat(tenantOf(kind, id)).isEqualTo(w.b() + "/" + w.b1());
    assertThat(content(kind, id)).isEqualTo(before);
  }

  // ---- TenantIdIdentifierMutationTest: the tenant of a managed row never changes -------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void changingOnlyTheStore_ofAManagedRow_throws(Kind kind) {
    TwoCompanies w = w();
    UUID id = create(kind, w.storeA1());
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> {
      CompanyOwned mine = s.find(kind.type(), id);
      BoundaryGapsContract.setField(mine, io.tenantry.core.model.StoreOwned.class, "storeId", w.a2());
    })).isInstanceOf(TenantIsolationException.class).hasMessageContaining("storeId from " + w.a1() + " to " + w.a2());
    assertThat(tenantOf(kind, id)).isEqualTo(w.a() + "/" + w.a1());
  }

  // ---- tenant switched inside the session -------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void find_afterATenantSwitch_isRefused(Kind kind) {
    TwoCompanies w = w();
    UUID theirs = create(kind, w.storeB1());
    assertThatThrownBy(() -> Tenancy.run(w.storeA1(), () -> w.sf().inTransaction((Session s) -> {
      s.createSelectionQuery("select count(*) from Product", Long.class).getSingleResult();
      Tenancy.run(w.storeB1(), () -> s.find(kind.type(), theirs));
    }))).isInstanceOf(TenantIsolationException.class).hasMessageContaining("Switching tenant");
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(kind.type(), theirs))).isNotNull();
  }

  // ---- RootTenantCacheTest: a cached row is never served outside its scope ---------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void cachedByTheOwner_isNullForAnotherStoreAndCompany_neverAnException(Kind kind) {
    TwoCompanies w = w();
    UUID id = create(kind, TenantContext.ofStore(w.a(), w.a2()));
    w.sf().getCache().evictAll();
    assertThat(w.in(w.ownerA(), (Session s) -> load(s, kind, id))).isNotNull();
    assertThat(w.sf().getCache().containsEntity(kind.type(), id)).as("the owner's read is cached").isTrue();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(kind.type(), id))).isNull();
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(kind.type(), id))).isNull();
    assertThat(Tenancy.supply(w.storeA1(), () -> w.sf().fromTransaction((Session s) -> s.createSelectionQuery(
        "from " + entityName(kind) + " e where e.id = :id", kind.type()).setParameter("id", id).setCacheable(true)
        .getResultList()))).isEmpty();
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> s.find(kind.type(), id))).isNotNull();
  }

  // ---- TenantIdNaturalIdTest ---------------------------------------------------------------------------------

  @Test
  void naturalId_sameValueInTwoCompanies_eachResolvesItsOwn_storeLevelOnlyInItsStore() {
    TwoCompanies w = w();
    UUID a = w.in(w.ownerA(), (Session s) -> TwoCompanies.persist(s, new Label("NAT", "of A")).getId());
    UUID b = w.in(w.storeB1(), (Session s) -> TwoCompanies.persist(s, new Label("NAT", "of B")).getId());
    for (int round = 0; round < 2; round++) { // the second round is served by the natural-id cache
      assertThat(w.in(w.storeA1(), (Session s) -> s.bySimpleNaturalId(Label.class).load("NAT").getId())).isEqualTo(a);
      assertThat(w.in(w.storeB1(), (Session s) -> s.bySimpleNaturalId(Label.class).load("NAT").getId())).isEqualTo(b);
    }
    UUID shift = w.in(w.storeA1(), (Session s) -> TwoCompanies.persist(s, new Shift("NAT-SHIFT", "ann")).getId());
    assertThat(w.in(w.ownerA(), (Session s) -> s.bySimpleNaturalId(Shift.class).load("NAT-SHIFT").getId())).isEqualTo(shift);
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> s.bySimpleNaturalId(Shift.class).load("NAT-SHIFT")))
        .isNull();
    assertThat(w.in(w.storeB1(), (Session s) -> s.bySimpleNaturalId(Shift.class).load("NAT-SHIFT"))).isNull();
  }

  @Test
  void hqlInsert_intoAnEntityWithASecondaryTable_isRefused_singleTableInsertIsChecked() {
    TwoCompanies w = w();
    String before = query("select count(*) from t_k_shelf");
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into Shelf (id, companyId, "
        + "storeId, name, note) values (:id, :c, :s, 'x', 'y')").setParameter("id", UUID.randomUUID())
        .setParameter("c", w.b()).setParameter("s", w.b1()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("Create them with persist");
    assertThat(query("select count(*) from t_k_shelf")).isEqualTo(before);
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into Scanner (id, companyId, "
        + "storeId, name, dpi) values (:id, :c, :s, 'x', 1)").setParameter("id", UUID.randomUUID())
        .setParameter("c", w.a()).setParameter("s", w.a2()).executeUpdate()))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("is not a visible store");
    UUID own = UUID.randomUUID();
    w.run(w.storeA1(), (Session s) -> s.createMutationQuery("insert into Scanner (id, name, dpi) values (:id, 'x', 1)")
        .setParameter("id", own).executeUpdate());
    assertThat(query("select company_id || '/' || store_id || '/' || kind from t_k_device where id = '" + own + "'"))
        .isEqualTo(w.a() + "/" + w.a1() + "/scanner");
  }

  // ---- @Version and @SoftDelete of a stale instance ---------------------------------------------------------

  @Test
  void forcedVersionIncrement_ofAStaleInstance_neverTouchesAnotherTenantsRow() {
    TwoCompanies w = w();
    UUID id = w.in(w.storeA1(), (Session s) -> TwoCompanies.persist(s, new Shift("V-" + UUID.randomUUID(), "ann")).getId());
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> {
      Shift mine = s.find(Shift.class, id);
      admin("update t_k_shift set company_id = '" + w.b() + "', store_id = '" + w.b1() + "' where id = '" + id + "'");
      s.lock(mine, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
      s.flush();
    })).isInstanceOfAny(StaleStateException.class, OptimisticLockException.class, TenantIsolationException.class);
    assertThat(query("select version || '/' || deleted from t_k_shift where id = '" + id + "'")).isEqualTo("0/false");
  }

  @Test
  void softDelete_ofOwnRow_marksIt_andHidesIt() {
    TwoCompanies w = w();
    UUID id = w.in(w.storeA1(), (Session s) -> TwoCompanies.persist(s, new Shift("D-" + UUID.randomUUID(), "ann")).getId());
    w.run(w.storeA1(), (Session s) -> s.remove(s.find(Shift.class, id)));
    assertThat(query("select deleted from t_k_shift where id = '" + id + "'")).isEqualTo("t");
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Shift.class, id))).isNull();
  }

  // ---- issue 17, items 6 and 7: caches never change what a query returns -----------------------------------

  @Test
  void item6_cachedCollectionOfStoreRows_isComplete_forTheOwner_andScoped_forTheStore() {
    TwoCompanies w = w();
    w.sf().getCache().evictAll();
    assertThat(w.in(w.storeA1(), (Session s) -> ScopingMatrixTest.ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactly(w.overrideA1());
    assertThat(w.in(w.ownerA(), (Session s) -> ScopingMatrixTest.ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactlyInAnyOrder(w.overrideA1(), w.overrideA2());
    assertThat(w.in(w.storeA1(), (Session s) -> ScopingMatrixTest.ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactly(w.overrideA1());
  }

  @Test
  void item6_cacheableScalarQueryOverStoreRows_returnsEachScopeItsOwnValue() {
    TwoCompanies w = w();
    Function<TenantContext, BigDecimal> sum = ctx -> w.in(ctx, (Session s) -> s.createSelectionQuery(
        "select sum(o.price) from PriceOverride o", BigDecimal.class).setCacheable(true).getSingleResult());
    for (int round = 0; round < 2; round++) {
      assertThat(sum.apply(w.storeA1())).isEqualByComparingTo("3.49");
      assertThat(sum.apply(TenantContext.ofStore(w.a(), w.a2()))).isEqualByComparingTo("3.79");
      assertThat(sum.apply(w.ownerA())).isEqualByComparingTo("7.28");
      assertThat(sum.apply(w.storeB1())).isEqualByComparingTo("1.50");
    }
  }

  @Test
  void item6_storeUser_afterTheOwnerCachedAnotherStoresRow_getsNullNotAnException() {
    TwoCompanies w = w();
    UUID shelfA2 = create(kinds().findFirst().orElseThrow(), TenantContext.ofStore(w.a(), w.a2()));
    w.in(w.ownerA(), (Session s) -> s.find(Shelf.class, shelfA2));
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Shelf.class, shelfA2))).isNull();
    assertThat(w.in(w.managerA1A2(), (Session s) -> s.find(Shelf.class, shelfA2))).isNotNull();
  }

  @Test
  void item7_systemAccess_afterATenantsWrite_readsTheWrite() {
    TwoCompanies w = w();
    UUID label = w.in(w.ownerA(), (Session s) -> TwoCompanies.persist(s, new Label("SYS-" + UUID.randomUUID(), "before")).getId());
    Function<Void, String> systemRead = v -> Tenancy.asSystem("test: platform read", () -> w.sf().fromTransaction(
        (Session s) -> s.find(Label.class, label).getTitle()));
    Function<Void, Long> systemCount = v -> Tenancy.asSystem("test: platform count", () -> w.sf().fromTransaction(
        (Session s) -> s.createSelectionQuery("select count(*) from Label where title = 'after'", Long.class)
            .setCacheable(true).getSingleResult()));
    assertThat(systemRead.apply(null)).isEqualTo("before");
    long countBefore = systemCount.apply(null);
    w.run(w.storeA1(), (Session s) -> s.find(Label.class, label).setTitle("after"));
    assertThat(systemRead.apply(null)).isEqualTo("after");
    assertThat(systemCount.apply(null)).isEqualTo(countBefore + 1);
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Label.class, label).getTitle())).isEqualTo("after");
  }

  static boolean same(Object a, Object b) {
    return Objects.equals(a, b);
  }
}
