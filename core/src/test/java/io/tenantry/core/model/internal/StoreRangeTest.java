package io.tenantry.core.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.Tenancy;
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
  void allStoresOrSystemAccess_coversEveryPossibleId() {
    Tenancy.run(TenantContext.ofCompany(COMPANY), () -> assertRange(FilterParameters.LOWEST, FilterParameters.HIGHEST));
    Tenancy.asSystem("test: range in system access", () -> assertRange(FilterParameters.LOWEST,
        FilterParameters.HIGHEST));
    assertThat(FilterParameters.HIGHEST).hasToString("ffffffff-ffff-ffff-ffff-ffffffffffff");
  }

  @Test
  void selectedStore_isTheWholeRange() {
    Tenancy.run(TenantContext.ofStore(COMPANY, MIDDLE), () -> assertRange(MIDDLE, MIDDLE));
  }

  @Test
  void grantedStores_spanLowestToHighestInUnsignedOrder() {
    TenantContext manager = TenantContext.builder(COMPANY).grantedStores(List.of(HIGH, LOW, MIDDLE)).build();
    Tenancy.run(manager, () -> assertRange(LOW, HIGH));
    Tenancy.run(manager.withStore(HIGH), () -> assertRange(HIGH, HIGH));
  }

  @Test
  void noVisibleStore_matchesNothing_andNoBindingThrows() {
    TenantContext none = TenantContext.builder(COMPANY).grantedStores(List.of()).build();
    Tenancy.run(none, () -> assertRange(FilterParameters.NOTHING, FilterParameters.NOTHING));
    assertThatThrownBy(() -> new FilterParameters.StoresLow().get()).isInstanceOf(NoTenantBoundException.class);
  }

  @Test
  void unsignedCompare_ordersAsPostgreSqlDoes() {
    assertThat(FilterParameters.unsignedCompare(LOW, MIDDLE)).isNegative();
    assertThat(FilterParameters.unsignedCompare(MIDDLE, HIGH)).isNegative();
    assertThat(FilterParameters.unsignedCompare(HIGH, HIGH)).isZero();
    assertThat(LOW.compareTo(MIDDLE)).as("java.util.UUID's own order is signed").isPositive();
  }

  private static void assertRange(UUID low, UUID high) {
    assertThat(new FilterParameters.StoresLow().get()).isEqualTo(low);
    assertThat(new FilterParameters.StoresHigh().get()).isEqualTo(high);
  }
}
