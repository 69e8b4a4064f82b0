package io.tenantry.spring.registerkey;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.model.Register;
import io.tenantry.spring.internal.IsolatedJpa;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RegisterKeys} over table {@code tenantry_register_key} with JPA.
 *
 * <ul>
 *   <li>{@link #issue} and {@link #revoke} run in the caller's transaction (or a new one) under the
 *       bound tenant, like any other write of tenant data; {@link #issue} also records the key's hash in the
 *       directory {@code tenantry_register_key_lookup}, as the system login in a transaction of its own;</li>
 *   <li>{@link #resolve} hashes the presented key, finds its company and id in the directory by the hash
 *       (the only cross-tenant read, see {@code RegisterKeyLookup}), reads the key row as that company,
 *       compares the hashes again in constant time with
 *       {@link MessageDigest#isEqual}, refuses revoked keys, and records the last-seen time under the
 *       register's own tenant, at most once per {@code lastSeenInterval}. Only the directory's answer for a key
 *       that authenticated is cached (where its row is: id and company); the key row is read and checked on every
 *       request, so a revocation takes effect on the next request. How many answers are kept, and for how long, is
 *       set with the constructor (the starter: {@code tenantry.register-keys.directory-cache.*}).</li>
 * </ul>
 */
public final class JpaRegisterKeys implements RegisterKeys {

  private static final Logger LOG = LoggerFactory.getLogger(JpaRegisterKeys.class);

  private final EntityManager entityManager;
  private final TransactionTemplate transactions;
  private final IsolatedJpa isolated;
  private final RegisterKeyLookup lookup;
  private final Duration lastSeenInterval;
  private final Clock clock;

  /**
   * Keys in the given persistence unit, keeping the directory's answer for at most 10,000 keys that authenticated,
   * each for 10 minutes.
   *
   * @param lastSeenInterval shortest time between two writes of a key's last-seen time
   */
  public JpaRegisterKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      Duration lastSeenInterval) {
    this(entityManagerFactory, transactionManager, lastSeenInterval, KeyDirectoryCache.MAX_ENTRIES,
        KeyDirectoryCache.TTL);
  }

  /**
   * Keys in the given persistence unit, with the bounds of the directory cache: where the row of a key that
   * authenticated is (its id and company), kept so that the key's later requests skip the directory read. The key
   * row is read and checked on every request whatever is cached.
   *
   * @param lastSeenInterval shortest time between two writes of a key's last-seen time
   * @param directoryCacheMaxKeys the most keys whose answer is kept; 0 keeps none (every request reads the
   *     directory)
   * @param directoryCacheTtl how long an answer is used before the directory is read again, from 0 (none kept) to
   *     one day
   * @throws IllegalArgumentException when {@code directoryCacheMaxKeys} is below 0, or {@code directoryCacheTtl}
   *     below 0 or above one day
   */
  public JpaRegisterKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      Duration lastSeenInterval, int directoryCacheMaxKeys, Duration directoryCacheTtl) {
    this(entityManagerFactory, transactionManager, lastSeenInterval, Clock.systemUTC(),
        new KeyDirectoryCache(directoryCacheMaxKeys, directoryCacheTtl, System::nanoTime));
  }

  JpaRegisterKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      Duration lastSeenInterval, Clock clock) {
    this(entityManagerFactory, transactionManager, lastSeenInterval, clock, new KeyDirectoryCache());
  }

  private JpaRegisterKeys(EntityManagerFactory entityManagerFactory, PlatformTransactionManager transactionManager,
      Duration lastSeenInterval, Clock clock, KeyDirectoryCache directoryCache) {
    this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory);
    this.transactions = new TransactionTemplate(transactionManager);
    this.isolated = new IsolatedJpa(entityManagerFactory);
    this.lookup = new RegisterKeyLookup(entityManagerFactory, isolated, directoryCache);
    this.lastSeenInterval = Objects.requireNonNull(lastSeenInterval, "lastSeenInterval");
    this.clock = clock;
  }

  @Override
  public IssuedRegisterKey issue(UUID registerId) {
    Objects.requireNonNull(registerId, "registerId");
    TenantContext caller = Tenancy.current();
    return transactions.execute(status -> {
      Register register = entityManager.find(Register.class, registerId);
      if (register == null) {
        throw new TenantIsolationException("Register " + registerId + " is not visible to the bound tenant: "
            + "issue keys only for registers of your company, in a store you may see (select it with X-Store-Id "
            + "or TenantContext.withStore).");
      }
      // The key row is owned by the register: write it as that register, a narrowing of the caller's view.
      TenantContext asRegister = TenantContext.builder(caller.companyId())
          .store(register.getStoreId())
          .register(registerId)
          .principal(caller.principal().orElse(null))
          .build();
      String clear = KeyMaterial.newKey();
      RegisterKey key = new RegisterKey(KeyMaterial.hash(clear), now());
      Tenancy.run(asRegister, () -> {
        entityManager.persist(key);
        entityManager.flush();
      });
      // the directory entry commits on its own; should this transaction roll back, it points to no key (inert)
      lookup.record(key);
      LOG.info("Issued register key {} for register {} of store {}", key.getId(), registerId, register.getStoreId());
      return new IssuedRegisterKey(key.getId(), key.getCompanyId(), key.getStoreId(), key.getRegisterId(),
          key.getCreatedAt(), clear);
    });
  }

  @Override
  public boolean revoke(UUID keyId) {
    Objects.requireNonNull(keyId, "keyId");
    Tenancy.current();
    Boolean revoked = transactions.execute(status -> {
      RegisterKey key = entityManager.find(RegisterKey.class, keyId);
      if (key == null || key.isRevoked()) {
        return false;
      }
      key.revoke(now());
      return true;
    });
    if (Boolean.TRUE.equals(revoked)) {
      LOG.info("Revoked register key {}", keyId);
    }
    return Boolean.TRUE.equals(revoked);
  }

  @Override
  public Optional<RegisterIdentity> resolve(String presentedKey) {
    if (!KeyMaterial.wellFormed(presentedKey)) {
      return Optional.empty();
    }
    byte[] hash = KeyMaterial.hash(presentedKey);
    Optional<RegisterKeyLookup.Found> found = lookup.byHash(hash);
    // The database matched on the hash already; comparing again in constant time keeps the decision
    // itself free of timing differences whatever the lookup does.
    if (found.isEmpty() || !MessageDigest.isEqual(found.get().keyHash(), hash) || found.get().revokedAt() != null) {
      return Optional.empty();
    }
    RegisterKeyLookup.Found key = found.get();
    RegisterIdentity identity = new RegisterIdentity(key.keyId(), key.companyId(), key.storeId(), key.registerId());
    recordLastSeen(identity, key.lastSeenAt());
    return Optional.of(identity);
  }

  private void recordLastSeen(RegisterIdentity identity, Instant lastSeen) {
    Instant now = now();
    Instant threshold = now.minus(lastSeenInterval);
    if (lastSeen != null && lastSeen.isAfter(threshold)) {
      return;
    }
    try {
      Tenancy.run(identity.toContext(), () -> isolated.inTransaction(em -> em
          .createQuery("update RegisterKey k set k.lastSeenAt = :now"
              + " where k.id = :id and (k.lastSeenAt is null or k.lastSeenAt < :threshold)")
          .setParameter("now", now)
          .setParameter("id", identity.keyId())
          .setParameter("threshold", threshold)
          .executeUpdate()));
    } catch (RuntimeException e) {
      // Bookkeeping only: the key is valid, so the request goes on.
      LOG.warn("Could not record last use of register key {}: {}", identity.keyId(), e.toString());
    }
  }

  /** The directory answers this instance keeps (tests of the cache). */
  KeyDirectoryCache directoryCache() {
    return lookup.cache();
  }

  private Instant now() {
    // PostgreSQL keeps microseconds; truncating keeps what the entity shows equal to what is stored.
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
