package io.tenantry.hibernate;

import static io.tenantry.hibernate.MatrixRow.across;
import static io.tenantry.hibernate.MatrixRow.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.fixture.CardPayment;
import io.tenantry.hibernate.fixture.Payment;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Product;
import io.tenantry.hibernate.fixture.Promotion;
import io.tenantry.hibernate.fixture.Sale;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.Hibernate;
import org.hibernate.ObjectNotFoundException;
import org.hibernate.stat.Statistics;
import org.hibernate.Session;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every read and write path of THREATS 1–4 and 6–9, against four targets, on real PostgreSQL as a
 * plain application role. The caller is company A with store A1 selected unless a row says
 * otherwise. "other company" targets company B's row, "other store" targets store A2's row of the
 * same company, "no tenant" runs the operation with nothing bound.
 *
 * The matrix is {@link #matrix()}: one parameterized row per operation, named after what it does to
 * each target, running the checks that prove it. Writes are {@link WriteGuardMatrixTest}'s.
 */
@TenantryPostgres
class ScopingMatrixTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  static TwoCompanies w;

  @BeforeAll
  static void world(TestDatabase db) {
    w = seeded.seed(db);
  }

  /** The matrix, one row per operation; each row runs the checks below that prove it. */
  static Stream<MatrixRow<ScopingMatrixTest>> matrix() {
    return Stream.of(
        row("find / getReference, company-level", "found", "null / not found", "found (company data)", "NoTenantBound",
            ScopingMatrixTest::find_companyLevel, ScopingMatrixTest::getReference_otherTenant_neverInitialisesToForeignData),
        row("find, store-level", "found", "null", "null", "NoTenantBound", ScopingMatrixTest::find_storeLevel),
        row("find, company / store / register", "found", "null", "null (store not selected)", "NoTenantBound",
            ScopingMatrixTest::find_hierarchyEntities),
        row("lazy to-one into a store row", "loads", "(FK forbids)", "not found exception", "—",
            ScopingMatrixTest::lazyToOne_intoAnotherStore_isNotLoaded),
        row("collection (product → overrides)", "only A1", "—", "A2 not in it", "—",
            ScopingMatrixTest::collection_showsOnlyVisibleStores),
        row("join / join fetch / left join fetch", "only A1", "B never joined", "A2 never joined", "NoTenantBound",
            ScopingMatrixTest::joins_joinFetch_leftJoinFetch_neverReachOtherTenants),
        row("JPQL, Criteria, count, page", "only own rows", "0 rows", "0 rows", "NoTenantBound",
            ScopingMatrixTest::jpql_criteria_count_page),
        row("bulk update / delete (HQL)", "own rows changed", "B unchanged", "A2 unchanged", "NoTenantBound",
            ScopingMatrixTest::bulkUpdateAndDelete_touchOnlyVisibleRows),
        row("joined inheritance (query, find, bulk delete)", "own", "null / 0 rows", "null", "—",
            ScopingMatrixTest::joinedInheritance_scopedThroughTheRootTable),
        row("second-level / query cache", "hit for A", "miss for B", "—", "—",
            ScopingMatrixTest::secondLevelAndQueryCache_neverServeAnotherTenant),
        across("system access read", "every company", ScopingMatrixTest::asSystem_readsEveryCompany_andIsTheOnlyWay),
        across("manager granted A1+A2, no store", "sees A1 and A2, never A3",
            ScopingMatrixTest::managerWithTwoOfThreeStores_seesExactlyThose),
        across("register R1 bound", "sees R1's sales only, not R1b's", ScopingMatrixTest::registerBound_seesOnlyItsOwnSales));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void matrix(MatrixRow<ScopingMatrixTest> row) {
    row.runOn(this);
  }

  // ---- find / getReference (THREATS 1) ---------------------------------------------------------

  void find_companyLevel() {
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Product.class, w.productA()))).isNotNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Product.class, w.productB()))).as("other company").isNull();
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> s.find(Product.class, w.productA())))
        .as("company data is visible from every store").isNotNull();
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.find(Product.class, w.productA())))
        .isInstanceOf(NoTenantBoundException.class);
  }

  void find_storeLevel() {
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA1()))).isNotNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1()))).as("other company").isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(PriceOverride.class, w.overrideA2()))).as("other store").isNull();
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.find(PriceOverride.class, w.overrideA1())))
        .isInstanceOf(NoTenantBoundException.class)
        .hasMessageContaining("Tenancy.run(context");
  }

  void find_hierarchyEntities() {
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Company.class, w.a()))).isNotNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Company.class, w.b()))).as("other company").isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Store.class, w.a1()))).isNotNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Store.class, w.a2()))).as("store not selected").isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Store.class, w.b1()))).isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Register.class, w.r2()))).isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Register.class, w.rb()))).isNull();
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.find(Company.class, w.a())))
        .isInstanceOf(NoTenantBoundException.class);
  }

  void getReference_otherTenant_neverInitialisesToForeignData() {
    assertThat(w.in(w.storeA1(), (Session s) -> s.getReference(Product.class, w.productA()).getName())).isEqualTo("Milk A");
    assertThatThrownBy(() -> w.in(w.storeA1(), (Session s) -> s.getReference(Product.class, w.productB()).getName()))
        .isInstanceOfAny(jakarta.persistence.EntityNotFoundException.class, ObjectNotFoundException.class);
    assertThatThrownBy(() -> w.in(w.storeA1(), (Session s) -> s.getReference(PriceOverride.class, w.overrideA2()).getPrice()))
        .isInstanceOfAny(jakarta.persistence.EntityNotFoundException.class, ObjectNotFoundException.class);
  }

  // ---- lazy loads, collections, joins (THREATS 2) ----------------------------------------------

  void lazyToOne_intoAnotherStore_isNotLoaded() {
    // the owner sees A2's override through the promotion
    assertThat(w.in(w.ownerA(), (Session s) -> s.find(Promotion.class, w.promotionA()).getFeatured().getPrice()))
        .isEqualByComparingTo("3.79");
    // a cashier context of A1 reaches the promotion (company data) but not A2's row behind it
    assertThatThrownBy(() -> w.in(w.storeA1(), (Session s) -> s.find(Promotion.class, w.promotionA()).getFeatured().getPrice()))
        .isInstanceOfAny(jakarta.persistence.EntityNotFoundException.class, ObjectNotFoundException.class);
  }

  void collection_showsOnlyVisibleStores() {
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactly(w.overrideA1());
    assertThat(w.in(w.ownerA(), (Session s) -> ids(s.find(Product.class, w.productA()).getOverrides())))
        .containsExactlyInAnyOrder(w.overrideA1(), w.overrideA2());
  }

  void joins_joinFetch_leftJoinFetch_neverReachOtherTenants() {
    for (String hql : List.of(
        "select o from Product p join p.overrides o",
        "select o from Product p left join p.overrides o where o is not null",
        "select o from PriceOverride o, Product p where o.product = p",
        "select o from PriceOverride o join o.product p where p.sku = 'SKU-1'",
        "select o from PriceOverride o join fetch o.product")) {
      assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery(hql, PriceOverride.class).getResultList())))
          .as(hql).containsExactly(w.overrideA1());
      assertThat(w.in(w.storeB1(), (Session s) -> ids(s.createSelectionQuery(hql, PriceOverride.class).getResultList())))
          .as(hql).containsExactly(w.overrideB1());
      assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.createSelectionQuery(hql, PriceOverride.class).getResultList()))
          .as(hql).isInstanceOf(NoTenantBoundException.class);
    }
    for (String hql : List.of("select distinct p from Product p join fetch p.overrides",
        "select distinct p from Product p left join fetch p.overrides")) {
      List<Product> fetched = w.in(w.storeA1(), (Session s) -> s.createSelectionQuery(hql, Product.class).getResultList());
      assertThat(ids(fetched)).as(hql).containsExactly(w.productA());
      assertThat(ids(fetched.get(0).getOverrides())).as(hql).containsExactly(w.overrideA1());
      List<Product> asB = w.in(w.storeB1(), (Session s) -> s.createSelectionQuery(hql, Product.class).getResultList());
      assertThat(ids(asB)).as(hql).containsExactly(w.productB());
      assertThat(ids(asB.get(0).getOverrides())).as(hql).containsExactly(w.overrideB1());
    }
  }

  // ---- queries (THREATS 3) -----------------------------------------------------------------------

  void jpql_criteria_count_page() {
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery("from Product where sku = 'SKU-1'", Product.class)
        .getResultList()))).containsExactly(w.productA());
    assertThat(w.in(w.storeA1(), (Session s) -> s.createSelectionQuery("select count(*) from PriceOverride", Long.class)
        .getSingleResult())).isEqualTo(1L);
    assertThat(w.in(w.ownerA(), (Session s) -> s.createSelectionQuery("select count(*) from PriceOverride", Long.class)
        .getSingleResult())).isEqualTo(2L);
    assertThat(w.in(w.storeA1(), (Session s) -> s.createSelectionQuery("from PriceOverride order by id", PriceOverride.class)
        .setFirstResult(0).setMaxResults(10).getResultList()).size()).isEqualTo(1);
    assertThat(w.in(w.storeA1(), (Session s) -> {
      CriteriaBuilder cb = s.getCriteriaBuilder();
      CriteriaQuery<PriceOverride> q = cb.createQuery(PriceOverride.class);
      Root<PriceOverride> root = q.from(PriceOverride.class);
      q.select(root).where(cb.equal(root.get("product").get("sku"), "SKU-1"));
      return ids(s.createQuery(q).getResultList());
    })).containsExactly(w.overrideA1());
    assertThat(w.in(w.storeA1(), (Session s) -> s.createSelectionQuery("select sum(o.price) from PriceOverride o where o.id in :ids",
        BigDecimal.class).setParameter("ids", List.of(w.overrideA2(), w.overrideB1())).getSingleResult()))
        .as("aggregate over other tenants' ids").isNull();
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.createSelectionQuery("select count(*) from Product", Long.class)
        .getSingleResult())).isInstanceOf(NoTenantBoundException.class);
  }

  // ---- bulk HQL (THREATS 4) ------------------------------------------------------------------------

  void bulkUpdateAndDelete_touchOnlyVisibleRows() {
    int updated = w.in(w.storeA1(), (Session s) -> s.createMutationQuery("update PriceOverride set price = price + 0")
        .executeUpdate());
    assertThat(updated).isEqualTo(1);
    int deleted = w.in(w.storeA1(), (Session s) -> s.createMutationQuery("delete from PriceOverride where id in :ids")
        .setParameter("ids", List.of(w.overrideA2(), w.overrideB1())).executeUpdate());
    assertThat(deleted).isZero();
    assertThat(w.in(w.ownerA(), (Session s) -> s.find(PriceOverride.class, w.overrideA2()))).isNotNull();
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(PriceOverride.class, w.overrideB1()))).isNotNull();
    int renamed = w.in(w.storeA1(), (Session s) -> s.createMutationQuery("update Product set name = name where id = :id")
        .setParameter("id", w.productB()).executeUpdate());
    assertThat(renamed).isZero();
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) -> s.createMutationQuery("delete from PriceOverride").executeUpdate()))
        .isInstanceOf(NoTenantBoundException.class);
  }

  void joinedInheritance_scopedThroughTheRootTable() {
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery("from CardPayment", CardPayment.class)
        .getResultList()))).containsExactly(w.cardA1());
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery("from Payment", Payment.class)
        .getResultList()))).containsExactly(w.cardA1());
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(CardPayment.class, w.cardB1()))).isNull();
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> s.find(Payment.class, w.cardA1()))).isNull();
    int deleted = w.in(w.storeA1(), (Session s) -> s.createMutationQuery("delete from CardPayment where id = :id")
        .setParameter("id", w.cardB1()).executeUpdate());
    assertThat(deleted).isZero();
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(CardPayment.class, w.cardB1()))).isNotNull();
  }

  // ---- filter switched off, root tenant (THREATS 6) -------------------------------------------------

  void asSystem_readsEveryCompany_andIsTheOnlyWay() {
    long all = Tenancy.asSystem("platform report in test", () -> w.sf().fromTransaction((Session s) ->
        s.createSelectionQuery("select count(*) from PriceOverride", Long.class).getSingleResult()));
    assertThat(all).isEqualTo(3L);
    long companies = Tenancy.asSystem("platform report in test", () -> w.sf().fromTransaction((Session s) ->
        s.createSelectionQuery("select count(*) from Company", Long.class).getSingleResult()));
    assertThat(companies).isEqualTo(2L);
  }

  void managerWithTwoOfThreeStores_seesExactlyThose() {
    assertThat(w.in(w.managerA1A2(), (Session s) -> ids(s.createSelectionQuery("from Store", Store.class).getResultList())))
        .containsExactlyInAnyOrder(w.a1(), w.a2());
    assertThat(w.in(w.managerA1A2(), (Session s) -> ids(s.createSelectionQuery("from Register", Register.class).getResultList())))
        .containsExactlyInAnyOrder(w.r1(), w.r1b(), w.r2());
    assertThat(w.in(TenantContext.builder(w.a()).grantedStores(List.of(w.a3())).build(),
        (Session s) -> ids(s.createSelectionQuery("from PriceOverride", PriceOverride.class).getResultList()))).isEmpty();
    assertThat(w.in(TenantContext.builder(w.a()).build(),
        (Session s) -> ids(s.createSelectionQuery("from Store", Store.class).getResultList()))).as("no grants").isEmpty();
  }

  void registerBound_seesOnlyItsOwnSales() {
    assertThat(w.in(w.registerR1(), (Session s) -> ids(s.createSelectionQuery("from Sale", Sale.class).getResultList())))
        .containsExactly(w.saleR1());
    assertThat(w.in(w.registerR1(), (Session s) -> s.find(Sale.class, w.saleR1b()))).isNull();
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery("from Sale", Sale.class).getResultList())))
        .containsExactlyInAnyOrder(w.saleR1(), w.saleR1b());
    assertThat(w.in(w.ownerA(), (Session s) -> ids(s.createSelectionQuery("from Sale", Sale.class).getResultList())))
        .containsExactlyInAnyOrder(w.saleR1(), w.saleR1b());
  }

  // ---- caches (THREATS 9) ----------------------------------------------------------------------------

  void secondLevelAndQueryCache_neverServeAnotherTenant() {
    Statistics stats = w.sf().getStatistics();
    stats.setStatisticsEnabled(true);
    // warm both caches as A, and show that A really hits them
    w.in(w.storeA1(), (Session s) -> s.find(Product.class, w.productA()));
    w.in(w.storeA1(), (Session s) -> s.createSelectionQuery("from Product", Product.class).setCacheable(true).getResultList());
    long hitsBefore = stats.getSecondLevelCacheHitCount();
    assertThat(w.in(w.storeA1(), (Session s) -> s.find(Product.class, w.productA()))).isNotNull();
    assertThat(stats.getSecondLevelCacheHitCount()).as("A hits the entity cache").isGreaterThan(hitsBefore);
    // B asks for the same id and the same cached query
    assertThat(w.in(w.storeB1(), (Session s) -> s.find(Product.class, w.productA()))).isNull();
    assertThat(w.in(w.storeB1(), (Session s) -> ids(s.createSelectionQuery("from Product", Product.class).setCacheable(true)
        .getResultList()))).containsExactly(w.productB());
    assertThat(w.in(w.storeA1(), (Session s) -> ids(s.createSelectionQuery("from Product", Product.class).setCacheable(true)
        .getResultList()))).containsExactly(w.productA());
  }

  static List<UUID> ids(List<?> entities) {
    return entities.stream().map(e -> {
      // every fixture entity has getId(), from a Tenantry base class or (the annotated twins) the application's
      Object u = Hibernate.unproxy(e);
      try {
        return (UUID) u.getClass().getMethod("getId").invoke(u);
      } catch (ReflectiveOperationException x) {
        throw new IllegalStateException(x);
      }
    }).toList();
  }

  static Session unused(Session s) {
    return s;
  }
}
