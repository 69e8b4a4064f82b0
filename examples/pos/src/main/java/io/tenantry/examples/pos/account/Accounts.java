package io.tenantry.examples.pos.account;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.UserAccount;
import io.tenantry.examples.pos.PlatformAccess;
import io.tenantry.examples.pos.product.Catalog;
import io.tenantry.examples.pos.store.StoreService;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signup, login and users. Each step runs in its own transaction under exactly one binding (system
 * or one tenant): a Tenantry session belongs to the tenant it was opened for.
 *
 * <p>Logins ({@code tenantry_user_account}) sit behind row-level security and column privileges
 * (migration {@code V1_7}): the application role sees only the logins of the bound company, and never
 * a password hash. Only the two lookups that must cross companies — finding a login's membership and
 * hash, and whether an e-mail is taken — run as the system login, each in one method here; their
 * logged reasons hold no user input.
 */
@Service
public class Accounts {

  /** What signup created. */
  public record SignedUp(UUID companyId, UUID userId) {}

  /** A member as login sees it. */
  record Member(UUID userId, String email, String passwordHash, UUID companyId, MemberRole role, boolean allStores,
      Set<UUID> stores) {}

  // compared against when the email is unknown, so that a wrong email costs as long as a wrong password
  private final String dummyHash;

  @PersistenceContext
  private EntityManager em;

  private final TransactionTemplate transactions;
  private final PasswordEncoder passwords;
  private final Catalog catalog;
  private final StoreService stores;

  Accounts(PlatformTransactionManager transactionManager, PasswordEncoder passwords, Catalog catalog,
      StoreService stores) {
    this.transactions = new TransactionTemplate(transactionManager);
    this.passwords = passwords;
    this.catalog = catalog;
    this.stores = stores;
    this.dummyHash = passwords.encode(UUID.randomUUID().toString());
  }

  /** Creates a company and its owner; 409 when the email is already a login. */
  @PlatformAccess("signup creates a tenant: there is no company to bind before its row exists")
  public SignedUp signup(String companyName, String email, String password) {
    String hash = passwords.encode(password);
    SignedUp created = Tenancy.asSystem("signup: create a company and its owner login",
        () -> transactions.execute(s -> {
          requireFreeEmail(email);
          Company company = new Company(companyName);
          UserAccount user = new UserAccount(email, hash);
          em.persist(company);
          em.persist(user);
          em.flush();
          return new SignedUp(company.getId(), user.getId());
        }));
    Tenancy.run(TenantContext.ofCompany(created.companyId()), () -> transactions.executeWithoutResult(s -> {
      // a reference, not a load: the application role may not read the login's password hash
      em.persist(new Membership(em.getReference(UserAccount.class, created.userId()), MemberRole.OWNER));
      catalog.openClock();
    }));
    return created;
  }

  /**
   * The member behind an email and password, or empty. A login that belongs to several companies
   * signs in to the one it joined first (the demo has one company per login).
   */
  @PlatformAccess("login: which company a user belongs to is only known after finding the membership")
  Optional<Member> authenticate(String email, String password) {
    Optional<Member> member = Tenancy.asSystem("login: find the membership and password hash of a login",
        () -> transactions.execute(s -> em.createQuery(
                "select m from Membership m join fetch m.user u where u.email = :email order by m.id", Membership.class)
            .setParameter("email", email)
            .setMaxResults(1)
            .getResultStream()
            .findFirst()
            .map(m -> new Member(m.getUser().getId(), m.getUser().getEmail(), m.getUser().getPasswordHash(),
                m.getCompanyId(), m.getRole(), m.isAllStores(), m.getGrantedStoreIds()))));
    String hash = member.map(Member::passwordHash).orElse(dummyHash);
    boolean matches = hash != null && passwords.matches(password, hash);
    return matches ? member : Optional.empty();
  }

  /** Adds a manager or cashier to the bound company with the given (visible) stores. */
  @PlatformAccess("add user: whether an e-mail is taken is known only across companies")
  public UUID addUser(String email, String password, MemberRole role, List<UUID> storeIds) {
    String hash = passwords.encode(password);
    Tenancy.current(); // a tenant is bound: the user joins its company
    // Logins are platform-wide, but the application role sees only this company's: ask the system login.
    Tenancy.asSystem("add user: is the e-mail free across companies",
        () -> transactions.executeWithoutResult(s -> requireFreeEmail(email)));
    return transactions.execute(s -> {
      stores.requireAll(storeIds);
      UserAccount user = new UserAccount(email, hash);
      em.persist(user);
      Membership membership = new Membership(user, role);
      membership.grantStores(storeIds);
      em.persist(membership);
      em.flush();
      return user.getId();
    });
  }

  /** The email of a login of the bound company (the column the application role may read, not the entity). */
  String email(UUID userId) {
    return transactions.execute(s -> em.createQuery("select u.email from UserAccount u where u.id = :id", String.class)
        .setParameter("id", userId).getResultStream().findFirst().orElse(null));
  }

  private void requireFreeEmail(String email) {
    Long taken = em.createQuery("select count(u) from UserAccount u where u.email = :email", Long.class)
        .setParameter("email", email).getSingleResult();
    if (taken > 0) {
      throw ApiProblem.conflict("This email is already registered; sign in instead, or use another email.");
    }
  }
}
