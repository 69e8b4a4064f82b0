package io.tenantry.hibernate;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.hibernate.SessionFactory;

/**
 * Whether a company is active (not deactivated), answered from a short cache: the check an entry point makes
 * before it binds a company for a caller. The Spring Boot starter makes it for every request that carries a
 * token or a register key; an application on plain Hibernate calls it where it binds a company for a caller
 * (its login, its request filter):
 *
 * <pre>{@code
 * CompanyStatus status = CompanyStatus.of(entityManagerFactory);
 * status.requireActive(companyId);                       // CompanyDeactivatedException when deactivated
 * Tenancy.run(TenantContext.ofCompany(companyId), work);
 * }</pre>
 *
 * <p><b>Cost.</b> One query per company per {@link #CACHE_TIME} and session factory, not one per request: the
 * answer is read under the company's own binding (row-level security lets it see its own row) and kept for
 * {@link #CACHE_TIME}, for at most {@value #MAX_ENTRIES} companies (past that, expired answers are dropped,
 * then all). {@link TenantProvisioning#deactivateCompany} and {@link TenantProvisioning#reactivateCompany}
 * update the cache of their session factory at once, so in the JVM that deactivates, the next request is
 * refused; <b>other JVMs</b> (or a change made directly in the database) see it within {@link #CACHE_TIME}.
 *
 * <p>A company id without a row is not deactivated: it is not refused here, and its requests see no data.
 * The answer is shared by every {@code CompanyStatus} of the same session factory.
 */
public final class CompanyStatus {

  /** How long an answer is kept; the longest a deactivation made elsewhere takes to be seen here. */
  public static final Duration CACHE_TIME = Duration.ofSeconds(10);

  /** The most companies whose answer is kept. */
  public static final int MAX_ENTRIES = 10_000;

  /** One cache per session factory (weak keys: a closed factory's cache goes with it). */
  private static final Map<SessionFactory, Map<UUID, Answer>> CACHES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private record Answer(boolean active, long expiresAt) {}

  private final SessionFactory sessionFactory;
  private final Map<UUID, Answer> cache;
  private final LongSupplier nanoTime;

  CompanyStatus(SessionFactory sessionFactory, Map<UUID, Answer> cache, LongSupplier nanoTime) {
    this.sessionFactory = sessionFactory;
    this.cache = cache;
    this.nanoTime = nanoTime;
  }

  /** The status of companies through this entity manager factory (a Hibernate {@code SessionFactory} is one). */
  public static CompanyStatus of(EntityManagerFactory entityManagerFactory) {
    SessionFactory sf = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory")
        .unwrap(SessionFactory.class);
    if (sf == null) {
      throw new IllegalArgumentException("CompanyStatus needs a Hibernate persistence unit: "
          + entityManagerFactory + " does not unwrap to org.hibernate.SessionFactory");
    }
    return new CompanyStatus(sf, CACHES.computeIfAbsent(sf, k -> new ConcurrentHashMap<>()), System::nanoTime);
  }

  /** A status with its own cache and clock, for tests of the cache. */
  static CompanyStatus withClock(EntityManagerFactory entityManagerFactory, LongSupplier nanoTime) {
    return new CompanyStatus(entityManagerFactory.unwrap(SessionFactory.class), new ConcurrentHashMap<>(), nanoTime);
  }

  /**
   * Whether the company is active: {@code false} once deactivated, {@code true} again once reactivated (and
   * for an id without a row). At most {@link #CACHE_TIME} old when the change was made in another JVM.
   */
  public boolean isActive(UUID companyId) {
    Objects.requireNonNull(companyId, "companyId");
    long now = nanoTime.getAsLong();
    Answer cached = cache.get(companyId);
    if (cached != null && now - cached.expiresAt() < 0) {
      return cached.active();
    }
    List<Instant> deactivatedAt = Tenancy.supply(TenantContext.builder(companyId).allStores()
        .principal("tenantry: company status").build(), () -> sessionFactory.fromTransaction(session -> session
            .createSelectionQuery("select c.deactivatedAt from Company c where c.id = :id", Instant.class)
            .setParameter("id", companyId)
            .getResultList()));
    boolean active = deactivatedAt.isEmpty() || deactivatedAt.get(0) == null;
    remember(companyId, active, now);
    return active;
  }

  /**
   * Throws when the company is deactivated; call it before binding a company for a caller.
   *
   * @throws CompanyDeactivatedException when {@link #isActive} is {@code false}
   */
  public void requireActive(UUID companyId) {
    if (!isActive(companyId)) {
      throw new CompanyDeactivatedException(companyId);
    }
  }

  /** Records a change made through this JVM, effective at once. */
  void changed(UUID companyId, boolean active) {
    remember(companyId, active, nanoTime.getAsLong());
  }

  private void remember(UUID companyId, boolean active, long now) {
    if (cache.size() >= MAX_ENTRIES && !cache.containsKey(companyId)) {
      cache.values().removeIf(a -> now - a.expiresAt() >= 0);
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(companyId, new Answer(active, now + CACHE_TIME.toNanos()));
  }
}
