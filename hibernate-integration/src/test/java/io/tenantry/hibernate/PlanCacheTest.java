package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.hibernate.fixture.PriceOverride;
import io.tenantry.hibernate.fixture.Sale;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * Scoped queries keep Hibernate's query plan cache: the tenant conditions are part of the cached
 * SQL and their values are bound from the binding at each execution, so one cached plan serves every
 * tenant and every store selection correctly. System-access sessions bypass the cache, and a session
 * never serves another binding than the one it was opened for.
 */
@TenantryPostgres
class PlanCacheTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  static TwoCompanies w;

  @BeforeAll
  static void world(TestDatabase db) {
    w = seeded.seed(db);
    w.sf().getStatistics().setStatisticsEnabled(true);
  }


  private static final String OVERRIDES = "from PriceOverride o where o.price > 0 order by o.id";

  private static List<UUID> overrides(TenantContext ctx) {
    return w.in(ctx, (Session s) -> ScopingMatrixTest.ids(s.createSelectionQuery(OVERRIDES, PriceOverride.class)
        .getResultList()));
  }

  @Test
  void oneCachedPlan_servesEveryTenantAndSelection_withItsOwnRows() {
    Statistics stats = w.sf().getStatistics();
    overrides(w.storeA1());
    long hits = stats.getQueryPlanCacheHitCount();
    long misses = stats.getQueryPlanCacheMissCount();

    assertThat(overrides(w.storeA1())).containsExactly(w.overrideA1());
    assertThat(overrides(w.storeB1())).containsExactly(w.overrideB1());
    assertThat(overrides(w.ownerA())).containsExactlyInAnyOrder(w.overrideA1(), w.overrideA2());
    assertThat(overrides(TenantContext.builder(w.a()).grantedStores(List.of(w.a2())).build()))
        .containsExactly(w.overrideA2());
    assertThat(overrides(TenantContext.builder(w.a()).build())).as("no store granted").isEmpty();

    // each execution finds both the parsed HQL and the translated SQL plan in the cache; with a Hibernate
    // filter enabled (as @TenantId enables one) only the first would be found and the SQL translated anew
    assertThat(stats.getQueryPlanCacheHitCount() - hits).as("plan cache hits for 5 executions").isEqualTo(10);
    assertThat(stats.getQueryPlanCacheMissCount()).as("no new translation").isEqualTo(misses);
  }

  @Test
  void tenantSettings_resolveAll_reusesOnePlan_forAnyNumberOfKeys() {
    Statistics stats = w.sf().getStatistics();
    w.in(w.storeA1(), (Session s) -> TenantSettings.resolveAll(s, List.of("tax.rate")));
    long hits = stats.getQueryPlanCacheHitCount();
    long misses = stats.getQueryPlanCacheMissCount();
    w.in(w.registerR1(), (Session s) -> TenantSettings.resolveAll(s, List.of("tax.rate", "receipt.footer")));
    w.in(w.storeB1(), (Session s) -> TenantSettings.resolveAll(s, List.of("tax.rate", "receipt.footer", "x")));
    assertThat(stats.getQueryPlanCacheMissCount()).as("no new translation").isEqualTo(misses);
    assertThat(stats.getQueryPlanCacheHitCount() - hits).as("HQL and SQL plan, twice").isEqualTo(4);
  }

  @Test
  void registerBinding_usesTheSameCachedPlan_andSeesOnlyItsSales() {
    String hql = "from Sale s where s.total > 0";
    List<UUID> register = w.in(w.registerR1(), (Session s) -> ScopingMatrixTest.ids(
        s.createSelectionQuery(hql, Sale.class).getResultList()));
    List<UUID> store = w.in(w.storeA1(), (Session s) -> ScopingMatrixTest.ids(
        s.createSelectionQuery(hql, Sale.class).getResultList()));
    assertThat(register).containsExactly(w.saleR1());
    assertThat(store).containsExactlyInAnyOrder(w.saleR1(), w.saleR1b());
  }

  @Test
  void systemAccess_readsEverything_withoutTouchingTheTenantsCachedPlans() {
    overrides(w.storeA1());
    long all = Tenancy.asSystem("plan cache test", () -> w.sf().fromTransaction((Session s) ->
        s.createSelectionQuery(OVERRIDES, PriceOverride.class).getResultList().size()));
    assertThat(all).isEqualTo(3);
    assertThat(overrides(w.storeA1())).as("the tenant's plan is still scoped").containsExactly(w.overrideA1());
  }

  @Test
  void systemAccess_insideASessionOpenedForATenant_isRefused() {
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> Tenancy.asSystem("inside a tenant session",
        () -> s.createSelectionQuery("select count(*) from PriceOverride", Long.class).getSingleResult())))
        .isInstanceOf(TenantIsolationException.class);
  }

  @Test
  void tenantInsideASystemSession_isScopedOrRefused_neverEverything() {
    Object outcome;
    try {
      outcome = Tenancy.asSystem("opens the session", () -> w.sf().fromTransaction((Session s) ->
          Tenancy.supply(w.storeA1(), () ->
              s.createSelectionQuery("select count(*) from PriceOverride", Long.class).getSingleResult())));
    } catch (TenantIsolationException refused) {
      outcome = refused;
    }
    assertThat(outcome).satisfiesAnyOf(
        o -> assertThat(o).as("A1's one override").isEqualTo(1L),
        o -> assertThat(o).isInstanceOf(TenantIsolationException.class));
  }

  @Test
  void nothingBound_failsClosed_atExecution() {
    assertThatThrownBy(() -> w.sf().fromTransaction((Session s) ->
        s.createSelectionQuery(OVERRIDES, PriceOverride.class).getResultList()))
        .isInstanceOf(NoTenantBoundException.class);
  }
}
