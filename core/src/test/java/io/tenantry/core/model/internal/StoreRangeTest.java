package io.tenantry.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.TenantContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The store range beside the exact store condition: it must contain every visible store in
 * PostgreSQL's uuid order (else rows the caller may see would vanish) and be as narrow as the
 * visible stores allow (else it serves no index).
 */
class StoreRangeTest {

  static final UUID COMPANY = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  // 8... and f... are negative as Java longs: a signed comparison would order them before 1...
  static final UUID LOW = UUID.fromString("10000000-0000-0000-0000-000000000001");
  static final UUID MIDDLE = UUID.fromString("80000000-0000-0000-0000-000000000001");
  static final UUID HIGH = UUID.fromString("f0000000-0000-0000-0000-000000000001");

  @Test
  void allStores_coversEveryPossibleId() {
    assertRange(TenantContext.ofCompany(COMPANY), ScopeValues.LOWEST, ScopeValues.HIGHEST);
    assertThat(ScopeValues.HIGHEST).hasToString("ffffffff-ffff-ffff-ffff-ffffffffffff");
  }

  @Test
  void selectedStore_isTheWholeRange() {
    assertRange(TenantContext.ofStore(COMPANY, MIDDLE), MIDDLE, MIDDLE);
  }

  @Test
  void grantedStores_spanLowestToHighestInUnsignedOrder() {
    TenantContext manager = TenantContext.builder(COMPANY).grantedStores(List.of(HIGH, LOW, MIDDLE)).build();
    assertRange(manager, LOW, HIGH);
    assertRange(manager.withStore(HIGH), HIGH, HIGH);
    assertThat(ScopeValues.stores(manager)).containsExactlyInAnyOrder(HIGH, LOW, MIDDLE);
    assertThat(ScopeValues.stores(manager.withStore(HIGH))).containsExactly(HIGH);
  }

  @Test
  void noVisibleStore_matchesNothing() {
    TenantContext none = TenantContext.builder(COMPANY).grantedStores(List.of()).build();
    assertRange(none, ScopeValues.NOTHING, ScopeValues.NOTHING);
    assertThat(ScopeValues.stores(none)).containsExactly(ScopeValues.NOTHING);
    assertThat(ScopeValues.allStores(none)).isFalse();
  }

  @Test
  void unsignedCompare_ordersAsPostgreSqlDoes() {
    assertThat(ScopeValues.unsignedCompare(LOW, MIDDLE)).isNegative();
    assertThat(ScopeValues.unsignedCompare(MIDDLE, HIGH)).isNegative();
    assertThat(ScopeValues.unsignedCompare(HIGH, HIGH)).isZero();
    assertThat(LOW.compareTo(MIDDLE)).as("java.util.UUID's own order is signed").isPositive();
  }

  private static void assertRange(TenantContext ctx, UUID low, UUID high) {
    assertThat(ScopeValues.storeRange(ctx)).containsExactly(low, high);
  }
}
