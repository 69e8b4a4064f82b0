package io.tenantry.spring.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs work in a new {@link EntityManager} with its own resource-local transaction, never in the
 * caller's. Tenantry's Hibernate sessions take their tenant when they open and refuse a tenant
 * switch while open, so work that runs under another binding than the request's (system access,
 * a register's own context, the tenant check of a header) must not join an entity manager the
 * request already holds (open-in-view, an outer {@code @Transactional}).
 *
 * <p>Internal. Requires a resource-local persistence unit, which is what Spring Boot configures.
 */
public final class IsolatedJpa {

  private final EntityManagerFactory entityManagerFactory;

  /** Uses entity managers of the given factory. */
  public IsolatedJpa(EntityManagerFactory entityManagerFactory) {
    this.entityManagerFactory = Objects.requireNonNull(entityManagerFactory, "entityManagerFactory");
  }

  /** Runs {@code work} in a new entity manager and transaction, committed on success, rolled back on failure. */
  public <T> T inTransaction(Function<EntityManager, T> work) {
    EntityManager em = entityManagerFactory.createEntityManager();
    try {
      EntityTransaction tx = em.getTransaction();
      tx.begin();
      try {
        T result = work.apply(em);
        tx.commit();
        return result;
      } catch (RuntimeException | Error e) {
        if (tx.isActive()) {
          try {
            tx.rollback();
          } catch (RuntimeException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
          }
        }
        throw e;
      }
    } finally {
      em.close();
    }
  }
}
