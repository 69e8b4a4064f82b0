package io.tenantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TenantContextTest {

  static final UUID COMPANY = UUID.randomUUID();
  static final UUID MAIN_ST = UUID.randomUUID();
  static final UUID OAK_AVE = UUID.randomUUID();
  static final UUID ELM_RD = UUID.randomUUID();
  static final UUID REGISTER = UUID.randomUUID();

  @Test
  void builder_nullCompany_namesTheFix() {
    assertThatThrownBy(() -> TenantContext.builder(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a company id")
        .hasMessageContaining("TenantContext.builder(companyId)")
        .hasMessageContaining("Tenancy.runAsSystem");
  }

  @Test
  void build_registerWithoutStore_namesTheFix() {
    assertThatThrownBy(() -> TenantContext.builder(COMPANY).register(REGISTER).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(REGISTER.toString())
        .hasMessageContaining("without its store")
        .hasMessageContaining("store(storeId)");
  }

  @Test
  void build_storeOutsideGrants_namesTheFix() {
    assertThatThrownBy(() -> TenantContext.builder(COMPANY).grantedStores(List.of(MAIN_ST)).store(OAK_AVE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(OAK_AVE.toString())
        .hasMessageContaining("not granted")
        .hasMessageContaining("grantedStores(...)");
  }

  @Test
  void grantedStores_withNull_isRefused() {
    assertThatThrownBy(() -> TenantContext.builder(COMPANY).grantedStores(java.util.Arrays.asList(MAIN_ST, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without nulls");
  }

  @Test
  void build_noGrantsGiven_grantsNothing() {
    TenantContext ctx = TenantContext.builder(COMPANY).build();
    assertThat(ctx.allStoresGranted()).isFalse();
    assertThat(ctx.grantedStoreIds()).isEmpty();
    assertThat(ctx.isGranted(MAIN_ST)).isFalse();
    assertThat(ctx.storeId()).isEmpty();
  }

  @Test
  void ofStore_grantsOnlyThatStore() {
    TenantContext ctx = TenantContext.ofStore(COMPANY, MAIN_ST);
    assertThat(ctx.storeId()).contains(MAIN_ST);
    assertThat(ctx.grantedStoreIds()).containsExactly(MAIN_ST);
    assertThat(ctx.isGranted(OAK_AVE)).isFalse();
  }

  @Test
  void ofRegister_bindsStoreAndRegister() {
    TenantContext ctx = TenantContext.ofRegister(COMPANY, MAIN_ST, REGISTER);
    assertThat(ctx.companyId()).isEqualTo(COMPANY);
    assertThat(ctx.storeId()).contains(MAIN_ST);
    assertThat(ctx.registerId()).contains(REGISTER);
  }

  @Test
  void ofCompany_grantsEveryStore() {
    TenantContext ctx = TenantContext.ofCompany(COMPANY);
    assertThat(ctx.allStoresGranted()).isTrue();
    assertThat(ctx.isGranted(ELM_RD)).isTrue();
    assertThat(ctx.withStore(ELM_RD).storeId()).contains(ELM_RD);
  }

  @Test
  void withStore_switchesWithinGrantsOnly() {
    TenantContext manager = TenantContext.builder(COMPANY).grantedStores(Set.of(MAIN_ST, OAK_AVE))
        .principal("maria").build();
    TenantContext oak = manager.withStore(OAK_AVE);
    assertThat(oak.storeId()).contains(OAK_AVE);
    assertThat(oak.grantedStoreIds()).containsExactlyInAnyOrder(MAIN_ST, OAK_AVE);
    assertThat(oak.principal()).contains("maria");
    assertThat(oak.withoutStore()).isEqualTo(manager);
    assertThatThrownBy(() -> manager.withStore(ELM_RD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not granted");
  }

  @Test
  void canSee_selectedStoreElseGrants() {
    TenantContext manager = TenantContext.builder(COMPANY).grantedStores(Set.of(MAIN_ST, OAK_AVE)).build();
    assertThat(manager.canSee(MAIN_ST)).isTrue();
    assertThat(manager.canSee(OAK_AVE)).isTrue();
    assertThat(manager.canSee(ELM_RD)).isFalse();
    assertThat(manager.withStore(OAK_AVE).canSee(MAIN_ST)).isFalse();
    assertThat(manager.withStore(OAK_AVE).canSee(OAK_AVE)).isTrue();
    assertThat(TenantContext.ofCompany(COMPANY).canSee(ELM_RD)).isTrue();
  }

  @Test
  void withStore_dropsRegister() {
    TenantContext atRegister = TenantContext.builder(COMPANY).allStores().store(MAIN_ST).register(REGISTER).build();
    assertThat(atRegister.withStore(OAK_AVE).registerId()).isEmpty();
  }

  @Test
  void grantedStoreIds_isImmutableCopy() {
    java.util.Set<UUID> grants = new java.util.HashSet<>(Set.of(MAIN_ST));
    TenantContext ctx = TenantContext.builder(COMPANY).grantedStores(grants).build();
    grants.add(OAK_AVE);
    assertThat(ctx.isGranted(OAK_AVE)).isFalse();
    assertThatThrownBy(() -> ctx.grantedStoreIds().add(OAK_AVE)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void equalsAndToString() {
    assertThat(TenantContext.ofStore(COMPANY, MAIN_ST)).isEqualTo(TenantContext.ofStore(COMPANY, MAIN_ST))
        .hasSameHashCodeAs(TenantContext.ofStore(COMPANY, MAIN_ST))
        .isNotEqualTo(TenantContext.ofStore(COMPANY, OAK_AVE));
    assertThat(TenantContext.ofCompany(COMPANY).toString()).contains(COMPANY.toString()).contains("stores=ALL");
  }
}
