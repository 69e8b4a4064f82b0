package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.hibernate.TenantSettings.Level;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/** Hierarchical settings: company value, store override, register override; one query; isolated. */
@TenantryPostgres
class TenantSettingsTest {

  @RegisterExtension
  static final TwoCompaniesExtension seeded = TwoCompaniesExtension.plain();

  static TwoCompanies w;

  @BeforeAll
  static void world(TestDatabase db) {
    w = seeded.seed(db);
    w.run(w.ownerA(), (Session s) -> {
      TenantSettings.define(s, Level.COMPANY, "tax.rate", "0.07");
      TenantSettings.define(s, Level.COMPANY, "receipt.footer", "Gracias");
    });
    w.run(w.storeA1(), (Session s) -> TenantSettings.define(s, Level.STORE, "tax.rate", "0.08"));
    w.run(w.registerR1(), (Session s) -> TenantSettings.define(s, Level.REGISTER, "tax.rate", "0.09"));
    w.run(TenantContext.ofCompany(w.b()), (Session s) -> TenantSettings.define(s, Level.COMPANY, "tax.rate", "0.20"));
  }


  static Optional<String> tax(TenantContext ctx) {
    return w.in(ctx, (Session s) -> TenantSettings.resolve(s, "tax.rate"));
  }

  @Test
  void resolve_mostSpecificWins() {
    assertThat(tax(w.registerR1())).contains("0.09");
    assertThat(tax(TenantContext.ofRegister(w.a(), w.a1(), w.r1b()))).contains("0.08");
    assertThat(tax(w.storeA1())).contains("0.08");
    assertThat(tax(TenantContext.ofStore(w.a(), w.a2()))).contains("0.07");
    assertThat(tax(w.ownerA())).as("consolidated view: company value").contains("0.07");
    assertThat(tax(w.storeB1())).as("other company keeps its own").contains("0.20");
  }

  @Test
  void resolveAll_isOneQuery() {
    Statistics stats = w.sf().getStatistics();
    stats.setStatisticsEnabled(true);
    stats.clear();
    Map<String, String> values = w.in(w.registerR1(),
        (Session s) -> TenantSettings.resolveAll(s, List.of("tax.rate", "receipt.footer", "missing")));
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("tax.rate", "0.09", "receipt.footer", "Gracias"));
    assertThat(stats.getPrepareStatementCount()).isEqualTo(1);
  }

  @Test
  void define_replacesAndRemove() {
    w.run(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> TenantSettings.define(s, Level.STORE, "receipt.footer", "A2!"));
    w.run(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> TenantSettings.define(s, Level.STORE, "receipt.footer", "A2!!"));
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> TenantSettings.resolve(s, "receipt.footer")))
        .contains("A2!!");
    assertThat(w.in(w.storeA1(), (Session s) -> TenantSettings.resolve(s, "receipt.footer"))).contains("Gracias");
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> TenantSettings.remove(s, Level.STORE, "receipt.footer")))
        .isTrue();
    assertThat(w.in(TenantContext.ofStore(w.a(), w.a2()), (Session s) -> TenantSettings.resolve(s, "receipt.footer")))
        .contains("Gracias");
  }

  @Test
  void define_needsTheRightBinding() {
    assertThatThrownBy(() -> w.run(w.ownerA(), (Session s) -> TenantSettings.define(s, Level.STORE, "k", "v")))
        .isInstanceOf(TenantScopeRequiredException.class).hasMessageContaining("selected store");
    assertThatThrownBy(() -> w.run(w.storeA1(), (Session s) -> TenantSettings.define(s, Level.REGISTER, "k", "v")))
        .isInstanceOf(TenantScopeRequiredException.class).hasMessageContaining("bound register");
    assertThatThrownBy(() -> w.sf().inTransaction((Session s) -> TenantSettings.resolve(s, "tax.rate")))
        .isInstanceOf(NoTenantBoundException.class);
  }
}
