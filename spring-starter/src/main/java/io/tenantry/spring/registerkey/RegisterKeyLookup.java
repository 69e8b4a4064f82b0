package io.tenantry.spring.registerkey;

import io.tenantry.core.Tenancy;
import io.tenantry.core.UnscopedAccess;
import io.tenantry.spring.internal.IsolatedJpa;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Finds a key by its hash before any tenant is known: the one cross-tenant read of the register-key
 * path, kept in this class so that the database-level mechanism can change in one place (with
 * row-level security it becomes a narrowly granted lookup rather than system access).
 *
 * <p>The read is native SQL built once from the mapping (table and column names as Hibernate renders
 * them). A JPQL query would be translated to SQL again on every request: system-access sessions
 * bypass Hibernate's query plan cache (see {@code TenantFilters.SYSTEM_SESSION}), and this lookup runs
 * on every request a register authenticates with its key. Native query plans are cached whatever the
 * session.
 */
final class RegisterKeyLookup {

  static final String REASON = "register key lookup: find the register of a presented X-Register-Key";

  private final EntityManagerFactory entityManagerFactory;
  private final IsolatedJpa jpa;
  private volatile String byHashSql;

  RegisterKeyLookup(EntityManagerFactory entityManagerFactory, IsolatedJpa jpa) {
    this.entityManagerFactory = entityManagerFactory;
    this.jpa = jpa;
  }

  @UnscopedAccess("finds a register key by its hash before any tenant is known; runs as system access")
  Optional<Found> byHash(byte[] hash) {
    String sql = byHashSql();
    return Tenancy.supplyAsSystem(REASON, () -> jpa.inTransaction(em -> {
      @SuppressWarnings("unchecked")
      List<RegisterKey> keys = em.createNativeQuery(sql, RegisterKey.class)
          .setParameter("hash", hash)
          .getResultList();
      return keys.stream().findFirst().map(Found::of);
    }));
  }

  private String byHashSql() {
    String sql = byHashSql;
    if (sql == null) {
      sql = selectByHash(entityManagerFactory);
      byHashSql = sql;
    }
    return sql;
  }

  /** {@code select k.* from <table> k where k.<key hash column> = :hash}, in the mapping's names. */
  static String selectByHash(EntityManagerFactory entityManagerFactory) {
    EntityPersister persister = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
        .getMappingMetamodel().getEntityDescriptor(RegisterKey.class);
    if (!(persister instanceof AbstractEntityPersister mapped)) {
      throw new IllegalStateException("RegisterKey is mapped by " + persister.getClass().getName()
          + "; Tenantry's register-key lookup needs Hibernate's standard single-table mapping of it");
    }
    return "select k.* from " + mapped.getTableName() + " k where k." + mapped.getPropertyColumnNames("keyHash")[0]
        + " = :hash";
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
