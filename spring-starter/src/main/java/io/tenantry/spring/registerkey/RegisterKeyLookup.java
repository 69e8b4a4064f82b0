package io.tenantry.spring.registerkey;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.UnscopedAccess;
import io.tenantry.spring.internal.IsolatedJpa;
import jakarta.persistence.EntityManagerFactory;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Finds a key by its hash before any tenant is known: the one cross-tenant read of the register-key
 * path, kept in this class so that the database-level mechanism can change in one place.
 *
 * <p>Two steps, so that tenant data is only ever read as one company: the directory
 * ({@code tenantry_register_key_lookup}, global data, system access) gives the key's company and id; the key row
 * ({@code tenantry_register_key}) is then read as that company, by its primary key {@code (company_id, id)}. On
 * Citus the first is a reference table and the second one shard; with companies on several clusters
 * ({@code tenantry-clusters}) the first reads the home cluster and the second the company's cluster.
 *
 * <p>The directory's answer for a key that authenticated is kept ({@link KeyDirectoryCache}): a register's later
 * requests read only the key row, as its company, one transaction instead of two and none on the system login. The
 * key row still decides every request (its hash compared again, its revocation), so the cache cannot authenticate
 * anything the directory would not.
 *
 * <p>The directory read is native SQL built once from the mapping (table and column names as Hibernate renders
 * them). A JPQL query would be translated to SQL again on every request: system-access sessions
 * bypass Hibernate's query plan cache (see {@code TenantFilters.SYSTEM_SESSION}), and this lookup runs
 * for every key not known here yet (and every unknown key). Native query plans are cached whatever the session.
 */
final class RegisterKeyLookup {

  static final String REASON = "register key lookup: find the register of a presented X-Register-Key";
  static final String RECORD_REASON = "register key directory: record the hash of a newly issued key";

  private final EntityManagerFactory entityManagerFactory;
  private final IsolatedJpa jpa;
  private final KeyDirectoryCache cache;
  private volatile String byHashSql;

  RegisterKeyLookup(EntityManagerFactory entityManagerFactory, IsolatedJpa jpa, KeyDirectoryCache cache) {
    this.entityManagerFactory = entityManagerFactory;
    this.jpa = jpa;
    this.cache = cache;
  }

  /**
   * The key row whose hash is {@code hash}, read as its company, or empty. The directory is asked only when
   * {@link KeyDirectoryCache} has no confirmed location for the hash; the key row is read on every call, so what the
   * caller decides (hash, revocation) is always the row's current state.
   */
  Optional<Found> byHash(byte[] hash) {
    KeyDirectoryCache.Location cached = cache.get(hash);
    if (cached != null) {
      Optional<Found> found = keyRow(cached);
      if (found.isPresent() && MessageDigest.isEqual(found.get().keyHash(), hash)) {
        if (found.get().revokedAt() != null) {
          cache.forget(hash); // the row decided: revoked (the caller refuses it)
        }
        return found;
      }
      // the row is gone or holds another hash: forget the entry and ask the directory
      cache.forget(hash);
    }
    Optional<KeyDirectoryCache.Location> location = inDirectory(hash);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Optional<Found> found = keyRow(location.get());
    if (confirms(found, hash)) {
      cache.confirmed(hash, location.get());
    }
    return found;
  }

  @UnscopedAccess("finds a register key's company by the key's hash before any tenant is known; runs as system"
      + " access on the global directory, then reads the key as its company")
  private Optional<KeyDirectoryCache.Location> inDirectory(byte[] hash) {
    String sql = byHashSql();
    return Tenancy.supplyAsSystem(REASON, () -> jpa.inTransaction(em -> {
      @SuppressWarnings("unchecked")
      List<Object[]> rows = em.createNativeQuery(sql).setParameter("hash", hash).getResultList();
      return rows.stream().findFirst().map(r -> new KeyDirectoryCache.Location((UUID) r[0], (UUID) r[1]));
    }));
  }

  private Optional<Found> keyRow(KeyDirectoryCache.Location location) {
    return Tenancy.supply(TenantContext.ofCompany(location.companyId()), () -> jpa.inTransaction(em ->
        Optional.ofNullable(em.find(RegisterKey.class, location.keyId())).map(Found::of)));
  }

  /** Whether the key row holds this hash and is not revoked: only then is its location kept. */
  private static boolean confirms(Optional<Found> found, byte[] hash) {
    return found.isPresent() && MessageDigest.isEqual(found.get().keyHash(), hash) && found.get().revokedAt() == null;
  }

  /**
   * Records a new key in the directory, as the system login in a transaction of its own (with several clusters the
   * directory is on the home cluster, the key on its company's). Call it after the key row is written and before its
   * transaction commits: if that transaction rolls back, the entry points to no key and is inert.
   */
  void record(RegisterKey key) {
    Tenancy.runAsSystem(RECORD_REASON, () -> jpa.inTransaction(em -> {
      em.persist(new RegisterKeyLookupEntry(key.getId(), key.keyHash(), key.getCompanyId()));
      return null;
    }));
  }

  KeyDirectoryCache cache() {
    return cache;
  }

  private String byHashSql() {
    String sql = byHashSql;
    if (sql == null) {
      sql = selectByHash(entityManagerFactory);
      byHashSql = sql;
    }
    return sql;
  }

  /**
   * {@code select l.<key id>, l.<company> from <directory> l where l.<key hash> = :hash}, in the mapping's names.
   */
  static String selectByHash(EntityManagerFactory entityManagerFactory) {
    EntityPersister persister = entityManagerFactory.unwrap(SessionFactoryImplementor.class)
        .getMappingMetamodel().getEntityDescriptor(RegisterKeyLookupEntry.class);
    if (!(persister instanceof AbstractEntityPersister mapped)) {
      throw new IllegalStateException("RegisterKeyLookupEntry is mapped by " + persister.getClass().getName()
          + "; Tenantry's register-key lookup needs Hibernate's standard single-table mapping of it");
    }
    return "select l." + mapped.getIdentifierColumnNames()[0] + ", l." + mapped.getPropertyColumnNames("company")[0]
        + " from " + mapped.getTableName() + " l where l." + mapped.getPropertyColumnNames("keyHash")[0] + " = :hash";
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
