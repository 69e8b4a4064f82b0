package io.tenantry.hibernate;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.UserAccount;
import io.tenantry.hibernate.internal.FactoryDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.MutationQuery;

/**
 * Creating tenants: a company with its first owner and stores, a store, a register. For the
 * application's sign-up and back office, and as fixtures in its tests.
 *
 * <pre>{@code
 * TenantProvisioning provisioning = TenantProvisioning.of(entityManagerFactory);
 * NewCompany poco = provisioning.createCompany("Poco Loco", "owner@pocoloco.example", passwordHash,
 *     ZoneId.of("America/Chicago"), "Main St", "Oak Ave");
 * UUID register = Tenancy.supply(TenantContext.ofCompany(poco.companyId()),
 *     () -> provisioning.createRegister(poco.store("Main St"), "Register 1"));
 * }</pre>
 *
 * <p>{@link #createCompany} is platform work: call it with no tenant bound. The company row and the owner's
 * login are written under {@code Tenancy.asSystem} (so with row-level security the system login must be
 * configured, as the one-login mode of the Spring Boot starter does); the membership and the stores under
 * the new company's own binding, through the normal guards. {@link #createStore} and
 * {@link #createRegister} run in the bound company, like any write. Each call is its own transaction on the
 * session factory's connections; call it outside a transaction of another binding.
 *
 * <p>{@link #deactivateCompany} and {@link #reactivateCompany} are platform work too (no tenant bound; written by
 * the system login, the only one that may change a company's status when the application role has the grants
 * of {@code TenantryRoles}). A deactivated company's users cannot sign in and its registers are refused:
 * the Spring Boot starter checks every request ({@link CompanyStatus}); an application on plain Hibernate calls
 * {@link CompanyStatus#requireActive} where it binds a company for a caller. When the session factory's DataSource
 * places companies on several databases ({@link CompanyRouting}: {@code tenantry-clusters}' router), they write on
 * the database that holds the company.
 */
public final class TenantProvisioning {

  private final SessionFactory sessionFactory;

  private TenantProvisioning(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
  }

  /** Provisioning through this entity manager factory (a Hibernate {@code SessionFactory} is one). */
  public static TenantProvisioning of(EntityManagerFactory entityManagerFactory) {
    return new TenantProvisioning(Objects.requireNonNull(entityManagerFactory, "entityManagerFactory")
        .unwrap(SessionFactory.class));
  }

  /**
   * What {@link #createCompany} created.
   *
   * @param companyId the new company (tenant) id
   * @param ownerId the owner's login ({@code tenantry_user_account.id})
   * @param stores the new stores' ids by name, in the order given
   */
  public record NewCompany(UUID companyId, UUID ownerId, Map<String, UUID> stores) {

    /** Copies the map. */
    public NewCompany {
      stores = Collections.unmodifiableMap(new LinkedHashMap<>(stores));
    }

    /** The id of the store with this name; an {@link IllegalArgumentException} naming the stores if none. */
    public UUID store(String name) {
      UUID id = stores.get(name);
      if (id == null) {
        throw new IllegalArgumentException("No store '" + name + "' was created; the stores are " + stores.keySet());
      }
      return id;
    }
  }

  /**
   * Creates a company, its first owner (role {@code OWNER}: every store) and its stores, all in the given time
   * zone.
   *
   * @param name the company's display name
   * @param ownerEmail the owner's login; must not be a login already (logins are platform-wide)
   * @param ownerPasswordHash the hash of the owner's password as the application's login checks it (e.g.
   *     bcrypt), or {@code null} for a login that signs in elsewhere (an identity provider)
   * @param timezone the stores' time zone
   * @param storeNames the stores to create, each name once
   * @throws IllegalStateException when a tenant is bound (this is platform work)
   * @throws IllegalArgumentException when the e-mail is already a login, or a store name repeats
   */
  public NewCompany createCompany(String name, String ownerEmail, String ownerPasswordHash, ZoneId timezone,
      String... storeNames) {
    Objects.requireNonNull(ownerEmail, "ownerEmail");
    Objects.requireNonNull(timezone, "timezone");
    if (Tenancy.isBound()) {
      throw new IllegalStateException("Creating a company is platform work: call createCompany with no tenant bound "
          + "(it is bound to " + Tenancy.current().companyId() + ")");
    }
    List<String> names = List.of(storeNames);
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("Store names must differ within a company: " + names);
    }
    UUID[] ids = Tenancy.supplyAsSystem("provisioning: create a company and its owner login", () ->
        sessionFactory.fromTransaction(session -> {
          Long taken = session.createSelectionQuery("select count(u) from UserAccount u where u.email = :email",
              Long.class).setParameter("email", ownerEmail).getSingleResult();
          if (taken > 0) {
            throw new IllegalArgumentException("The e-mail " + ownerEmail + " is already a login: add that login "
                + "to the company instead, or use another e-mail");
          }
          Company company = new Company(name);
          UserAccount owner = new UserAccount(ownerEmail, ownerPasswordHash);
          session.persist(company);
          session.persist(owner);
          session.flush();
          return new UUID[] {company.getId(), owner.getId()};
        }));
    Map<String, UUID> stores = new LinkedHashMap<>();
    Tenancy.run(TenantContext.builder(ids[0]).allStores().principal("provisioning").build(), () ->
        sessionFactory.inTransaction(session -> {
          // a reference, not a load: with row-level security the application role may not read the password hash
          session.persist(new Membership(session.getReference(UserAccount.class, ids[1]), MemberRole.OWNER));
          for (String storeName : names) {
            Store store = new Store(storeName, timezone);
            session.persist(store);
            session.flush();
            stores.put(storeName, store.getId());
          }
        }));
    return new NewCompany(ids[0], ids[1], stores);
  }

  /** Creates a store of the bound company; the caller must see every store (an owner). Returns its id. */
  public UUID createStore(String name, ZoneId timezone) {
    requireAllStores("Creating a store");
    return sessionFactory.fromTransaction(session -> {
      Store store = new Store(name, timezone);
      session.persist(store);
      session.flush();
      return store.getId();
    });
  }

  /**
   * Creates a register of a store of the bound company; the store must be visible to the caller (another
   * company's store, or one outside the grants: {@link TenantIsolationException}). Returns its id.
   */
  public UUID createRegister(UUID storeId, String name) {
    Objects.requireNonNull(storeId, "storeId");
    Tenancy.current();
    return sessionFactory.fromTransaction(session -> {
      if (session.find(Store.class, storeId) == null) {
        throw new TenantIsolationException("Store " + storeId + " is not a store the bound tenant sees");
      }
      Register register = new Register(name, storeId);
      session.persist(register);
      session.flush();
      return register.getId();
    });
  }

  /**
   * Deactivates a company: its users cannot sign in and its registers are refused until
   * {@link #reactivateCompany}; its data stays. Takes effect at once in this JVM, within
   * {@link CompanyStatus#CACHE_TIME} in others. Deactivating a deactivated company keeps its first date and
   * records the new reason.
   *
   * @param companyId the company
   * @param reason why, for the platform's records (at most 500 characters), or {@code null}
   * @throws IllegalStateException when a tenant is bound (this is platform work); on several databases
   *     ({@link CompanyRouting}) also when the company is not placed or is being moved
   * @throws IllegalArgumentException when there is no such company, or the reason is too long
   */
  public void deactivateCompany(UUID companyId, String reason) {
    if (reason != null && reason.length() > 500) {
      throw new IllegalArgumentException("The reason of a deactivation has at most 500 characters (" + reason.length()
          + " given)");
    }
    setStatus(companyId, false, reason);
  }

  /**
   * Reactivates a deactivated company: its users sign in and its registers are served again (at once in this
   * JVM, within {@link CompanyStatus#CACHE_TIME} in others). Reactivating an active company changes nothing.
   *
   * @throws IllegalStateException when a tenant is bound (this is platform work); on several databases
   *     ({@link CompanyRouting}) also when the company is not placed or is being moved
   * @throws IllegalArgumentException when there is no such company
   */
  public void reactivateCompany(UUID companyId) {
    setStatus(companyId, true, null);
  }

  private void setStatus(UUID companyId, boolean active, String reason) {
    Objects.requireNonNull(companyId, "companyId");
    String what = active ? "Reactivating" : "Deactivating";
    if (Tenancy.isBound()) {
      throw new IllegalStateException(what + " a company is platform work: call it with no tenant bound (it is bound "
          + "to " + Tenancy.current().companyId() + ")");
    }
    Supplier<Integer> update = () -> Tenancy.supplyAsSystem("provisioning: " + (active ? "reactivate"
        : "deactivate") + " company " + companyId, () -> sessionFactory.fromTransaction(session -> {
          MutationQuery query = active
              ? session.createNativeMutationQuery("update tenantry_company set deactivated_at = null,"
                  + " deactivation_reason = null where id = :id")
              : session.createNativeMutationQuery("update tenantry_company set deactivated_at = coalesce("
                  + "deactivated_at, now()), deactivation_reason = cast(:reason as varchar) where id = :id")
                  .setParameter("reason", reason, String.class);
          return query.setParameter("id", companyId).executeUpdate();
        }));
    CompanyRouting routing = routing();
    int rows = routing == null ? update.get() : routing.onDatabaseOf(companyId, update);
    if (rows == 0) {
      throw new IllegalArgumentException(what + " company " + companyId + ": there is no such company");
    }
    CompanyStatus.of(sessionFactory).changed(companyId, active);
  }

  /** The session factory's DataSource as a {@link CompanyRouting}, when it places companies on several databases. */
  private CompanyRouting routing() {
    DataSource dataSource = FactoryDataSource.of(sessionFactory.unwrap(SessionFactoryImplementor.class));
    if (dataSource == null) {
      return null;
    }
    try {
      return dataSource.isWrapperFor(CompanyRouting.class) ? dataSource.unwrap(CompanyRouting.class) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  private static void requireAllStores(String what) {
    TenantContext context = Tenancy.current();
    if (!context.allStoresGranted()) {
      throw new TenantIsolationException(what + " needs a principal that sees every store of the company (an owner)");
    }
  }
}
