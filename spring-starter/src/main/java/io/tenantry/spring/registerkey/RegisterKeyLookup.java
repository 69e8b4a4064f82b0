package io.tenantry.spring.registerkey;

import io.tenantry.core.Tenancy;
import io.tenantry.spring.internal.IsolatedJpa;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a key by its hash before any tenant is known: the one cross-tenant read of the register-key
 * path, kept in this class so that the database-level mechanism can change in one place (with
 * row-level security it becomes a narrowly granted lookup rather than system access).
 */
final class RegisterKeyLookup {

  static final String REASON = "register key lookup: find the register of a presented X-Register-Key";

  private final IsolatedJpa jpa;

  RegisterKeyLookup(IsolatedJpa jpa) {
    this.jpa = jpa;
  }

  Optional<Found> byHash(byte[] hash) {
    return Tenancy.asSystem(REASON, () -> jpa.inTransaction(em -> em
        .createQuery("select k from RegisterKey k where k.keyHash = :hash", RegisterKey.class)
        .setParameter("hash", hash)
        .getResultStream()
        .findFirst()
        .map(Found::of)));
  }

  /** What the lookup found, detached from any session. */
  record Found(UUID keyId, UUID companyId, UUID storeId, UUID registerId, byte[] keyHash, Instant revokedAt,
      Instant lastSeenAt) {

    static Found of(RegisterKey k) {
      return new Found(k.getId(), k.getCompanyId(), k.getStoreId(), k.getRegisterId(), k.keyHash(),
          k.getRevokedAt(), k.getLastSeenAt());
    }
  }
}
