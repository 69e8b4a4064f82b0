package io.tenantry.spring.test;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One company of {@link TwoCompanies}: its ids, the contexts of its owner, a cashier and its register, and
 * tokens for them.
 *
 * @param id the company (tenant) id
 * @param name its display name
 * @param ownerId the owner's login ({@code tenantry_user_account.id})
 * @param ownerEmail the owner's e-mail (unique per fixture: logins are platform-wide)
 * @param mainStore the store "Main St", which has the register
 * @param otherStore the store "Oak Ave", without a register
 * @param register the register "Register 1" of {@code mainStore}
 */
public record FixtureCompany(UUID id, String name, UUID ownerId, String ownerEmail, UUID mainStore, UUID otherStore,
    UUID register) {

  /** Checks the ids. */
  public FixtureCompany {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(mainStore, "mainStore");
    Objects.requireNonNull(otherStore, "otherStore");
    Objects.requireNonNull(register, "register");
  }

  /** The owner: every store of the company. */
  public TenantContext owner() {
    return TenantContext.builder(id).allStores().principal(ownerEmail).build();
  }

  /** A cashier of {@link #mainStore} only, with that store selected. */
  public TenantContext cashier() {
    return TenantContext.ofStore(id, mainStore);
  }

  /** The register: {@link #mainStore}, {@link #register}. */
  public TenantContext atRegister() {
    return TenantContext.ofRegister(id, mainStore, register);
  }

  /**
   * Runs {@code work} as the owner and returns its result, e.g. issuing a register key:
   * {@code a.asOwner(() -> registerKeys.issue(a.register()).key())}.
   */
  public <T> T asOwner(Supplier<T> work) {
    return Tenancy.supply(owner(), work);
  }

  /** A token of the owner (role {@code OWNER}, every store), signed by {@code tokens}. */
  public String ownerToken(TestTokens tokens) {
    return tokens.owner(id);
  }

  /** A token of a cashier of {@link #mainStore} (role {@code CASHIER}), signed by {@code tokens}. */
  public String cashierToken(TestTokens tokens) {
    return tokens.member(id, "CASHIER", mainStore);
  }
}
