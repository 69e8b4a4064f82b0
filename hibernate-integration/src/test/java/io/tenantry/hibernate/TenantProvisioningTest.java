package io.tenantry.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.TenantProvisioning.NewCompany;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Provisioning on both walls (Hibernate scoping and row-level security with a system login): a
 * company with its owner and stores, a store, a register; and what a second company may not do with
 * them.
 */
@TenantryPostgres
class TenantProvisioningTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static TwoCompaniesAccess world;
  static TenantProvisioning provisioning;

  @BeforeAll
  static void world(TestDatabase db) {
    world = TwoCompaniesAccess.createWithRls(db, db.createAppRole("tenantry_sys"));
    provisioning = TenantProvisioning.of(world.sf());
  }

  @AfterAll
  static void close() {
    world.close();
  }

  @Test
  void aCompanyWithItsOwnerAndStores_visibleToItselfOnly() {
    NewCompany poco = provisioning.createCompany("Poco Loco", "owner@poco.example", "{bcrypt}x", CHICAGO,
        "Main St", "Oak Ave");
    NewCompany other = provisioning.createCompany("Other", "owner@other.example", null, CHICAGO, "Elm St");

    assertThat(poco.stores()).containsOnlyKeys("Main St", "Oak Ave");
    List<UUID> pocoStores = world.in(TenantContext.ofCompany(poco.companyId()),
        s -> s.createSelectionQuery("select s.id from Store s", UUID.class).getResultList());
    assertThat(pocoStores).containsExactlyInAnyOrder(poco.store("Main St"), poco.store("Oak Ave"));
    Membership owner = world.in(TenantContext.ofCompany(poco.companyId()),
        s -> s.createSelectionQuery("from Membership", Membership.class).getSingleResult());
    assertThat(owner.getRole()).isEqualTo(MemberRole.OWNER);
    assertThat(owner.getUser().getId()).isEqualTo(poco.ownerId());
    // the other company sees none of it
    Store seenByOther = world.in(TenantContext.ofCompany(other.companyId()),
        s -> s.find(Store.class, poco.store("Main St")));
    assertThat(seenByOther).isNull();
    assertThatThrownBy(() -> poco.store("Elm St")).hasMessageContaining("[Main St, Oak Ave]");
  }

  @Test
  void storesAndRegisters_inTheBoundCompanyOnly() {
    NewCompany a = provisioning.createCompany("A stores", "a@stores.example", null, CHICAGO, "A1");
    NewCompany b = provisioning.createCompany("B stores", "b@stores.example", null, CHICAGO, "B1");
    TenantContext ownerA = TenantContext.ofCompany(a.companyId());

    UUID a2 = Tenancy.supply(ownerA, () -> provisioning.createStore("A2", CHICAGO));
    UUID register = Tenancy.supply(ownerA, () -> provisioning.createRegister(a2, "Register 1"));
    Register created = world.in(ownerA, s -> s.find(Register.class, register));
    assertThat(created.getStoreId()).isEqualTo(a2);
    assertThat(created.getCompanyId()).isEqualTo(a.companyId());

    // another company's store: refused, nothing written
    assertThatThrownBy(() -> Tenancy.supply(ownerA, () -> provisioning.createRegister(b.store("B1"), "Sneaky")))
        .isInstanceOf(TenantIsolationException.class);
    Long registersOfB = world.in(TenantContext.ofCompany(b.companyId()),
        s -> s.createSelectionQuery("select count(r) from Register r", Long.class).getSingleResult());
    assertThat(registersOfB).isZero();
    // a cashier of one store may not create stores
    TenantContext cashier = TenantContext.ofStore(a.companyId(), a.store("A1"));
    assertThatThrownBy(() -> Tenancy.supply(cashier, () -> provisioning.createStore("A3", CHICAGO)))
        .isInstanceOf(TenantIsolationException.class).hasMessageContaining("an owner");
  }

  @Test
  void platformWorkOnly_andAnEmailIsOneLogin() {
    NewCompany first = provisioning.createCompany("First", "taken@example.test", null, CHICAGO, "S");
    assertThatThrownBy(() -> provisioning.createCompany("Second", "taken@example.test", null, CHICAGO, "S"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already a login");
    assertThatThrownBy(() -> Tenancy.supply(TenantContext.ofCompany(first.companyId()),
        () -> provisioning.createCompany("Nested", "n@example.test", null, CHICAGO, "S")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("platform work");
    assertThatThrownBy(() -> provisioning.createCompany("Twice", "t@example.test", null, CHICAGO, "S", "S"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
  }
}
