package io.tenantry.examples.pos.account;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Membership;
import io.tenantry.core.model.UserAccount;
import io.tenantry.examples.pos.PlatformAccess;
import io.tenantry.examples.pos.database.Clusters;
import io.tenantry.examples.pos.product.Catalog;
import io.tenantry.examples.pos.store.StoreService;
import io.tenantry.examples.pos.web.ApiProblem;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * a password hash. Only what must cross companies — finding a login's membership and hash, whether an
 * e-mail has a login, and the signup requests, which belong to no company yet — runs as the system login,
 * in the {@code @PlatformAccess} methods here; their logged reasons hold no user input.
 *
 * <p>With companies on several clusters ({@link Clusters}), the logins, the signup requests and the e-mail checks
 * stay on the home cluster; a company is created on the cluster it is placed on, and what must find a company's
 * rows without knowing the company (a login's memberships, an invitation's token) asks every cluster.
 *
 * <p>Over HTTP a company is created only by the address it is for: {@link #requestSignup} mails a one-time
 * link, {@link #confirmSignup} creates the company when the link is opened (issue 22, item 2).
 */
@Service
public class Accounts {

  /** What signup created. */
  public record SignedUp(UUID companyId, UUID userId) {}

  /**
   * A member as login sees it. {@code passwordHash} is null in a membership read on a cluster other than the home
   * cluster (the login's copy there has no hash); {@code membershipId} orders memberships by when they were made.
   */
  record Member(UUID userId, String email, String passwordHash, UUID companyId, MemberRole role, boolean allStores,
      Set<UUID> stores, boolean companyActive, UUID membershipId) {}

  private static final String INVALID_LINK = "This invitation link is unknown, used or expired; ask for a new one.";

  /** How long an invitation link works. */
  static final Duration INVITATION_TTL = Duration.ofDays(7);

  private static final String INVALID_SIGNUP_LINK =
      "This signup link is unknown, used or expired; sign up again to get a new one.";

  /** How long a signup link works. */
  static final Duration SIGNUP_TTL = Duration.ofHours(24);

  /** At most this many signup mails go to one address within {@link #SIGNUP_MAIL_WINDOW}. */
  static final int SIGNUP_MAILS_PER_WINDOW = 5;

  static final Duration SIGNUP_MAIL_WINDOW = Duration.ofHours(1);

  /** Signup requests are deleted this long after their link expired (used or not). */
  static final Duration SIGNUP_KEPT_AFTER_EXPIRY = Duration.ofDays(1);

  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);

  // compared against when the email is unknown, so that a wrong email costs as long as a wrong password
  private final String dummyHash;

  @PersistenceContext
  private EntityManager em;

  private final TransactionTemplate transactions;
  private final PasswordEncoder passwords;
  private final Catalog catalog;
  private final StoreService stores;
  private final Outbox outbox;
  private final Clusters clusters;

  Accounts(PlatformTransactionManager transactionManager, PasswordEncoder passwords, Catalog catalog,
      StoreService stores, Outbox outbox, Clusters clusters) {
    this.outbox = outbox;
    this.clusters = clusters;
    this.transactions = new TransactionTemplate(transactionManager);
    this.passwords = passwords;
    this.catalog = catalog;
    this.stores = stores;
    this.dummyHash = passwords.encode(UUID.randomUUID().toString());
  }

  /** An invitation as its inviter sees it: never the token, which goes to the invited address only. */
  public record Invited(UUID id, String email, MemberRole role, List<UUID> storeIds, Instant expiresAt) {}

  /** The membership an accepted invitation made. */
  public record Accepted(UUID companyId, UUID userId) {}

  /** The login of an e-mail as the system login sees it: its id and password hash. */
  private record Login(UUID id, String passwordHash) {}

  /** What the token of an invitation leads to, and the login its e-mail has (null when none). */
  private record Pending(UUID id, UUID companyId, String email, MemberRole role, List<UUID> storeIds, Login login) {}

  /**
   * What the token of a signup link leads to, the login its e-mail has (null when none), and the company an earlier
   * attempt created before it failed (null when none).
   */
  private record PendingSignup(UUID id, String companyName, String email, Login login, UUID createdCompany) {}

  /** A company an earlier attempt of a signup created, and whether its owner joined it before the attempt failed. */
  private record Unfinished(UUID companyId, boolean ownerJoined) {}

  /**
   * Asks for a company: records the request and mails a one-time link to {@code email} ({@link Outbox}), valid
   * for {@link #SIGNUP_TTL}. Nothing else is created, and the caller learns nothing: the same steps run, and the
   * HTTP answer is the same, whether the address has a login or not; only the mail, which reaches the address's
   * owner alone, says which (issue 22, item 2). The company and its owner are created by
   * {@link #confirmSignup}.
   */
  @PlatformAccess("signup: the request belongs to no company yet, and whether its e-mail has a login is known only"
      + " across companies")
  public void requestSignup(String companyName, String email, String confirmBaseUrl) {
    String token = OneTimeTokens.create("sgn_");
    Instant now = Instant.now();
    Boolean hasLogin = Tenancy.asSystem("signup: record the request and whether its e-mail has a login",
        () -> transactions.execute(s -> {
          purgeExpiredSignups(now);
          long recent = em.createQuery("select count(r) from SignupRequest r where r.email = :email"
              + " and r.createdAt > :since", Long.class)
              .setParameter("email", email).setParameter("since", now.minus(SIGNUP_MAIL_WINDOW)).getSingleResult();
          if (recent >= SIGNUP_MAILS_PER_WINDOW) {
            return null;
          }
          boolean exists = loginOf(email).isPresent();
          em.persist(new SignupRequest(email, companyName, OneTimeTokens.hash(token), now, now.plus(SIGNUP_TTL)));
          return exists;
        }));
    if (hasLogin == null) {
      // the address got its links already: no more mail (no mail bombing through signup), the same answer
      LOG.info("Signup: an address asked more than {} times within {}; no mail sent", SIGNUP_MAILS_PER_WINDOW,
          SIGNUP_MAIL_WINDOW);
      return;
    }
    String link = confirmBaseUrl + "/#signup=" + token;
    if (hasLogin) {
      outbox.send(email, "You already have a Tenantry POS account: open the link and enter its password to add"
          + " the new company to it, or ignore this mail", link);
    } else {
      outbox.send(email, "Confirm your Tenantry POS signup: open the link and choose your password", link);
    }
  }

  /**
   * Deletes the signup requests whose link expired more than {@link #SIGNUP_KEPT_AFTER_EXPIRY} ago, in the caller's
   * transaction: the table holds about a day of signups, so this costs little, and signups are rare.
   */
  private void purgeExpiredSignups(Instant now) {
    em.createQuery("delete from SignupRequest r where r.expiresAt < :cutoff")
        .setParameter("cutoff", now.minus(SIGNUP_KEPT_AFTER_EXPIRY)).executeUpdate();
  }

  /**
   * Confirms a signup with the token its address received, and creates the company with its owner: a new login
   * with {@code password}, or, when the address has a login already, that login once {@code password} proves
   * it. A token works once and until it expires; 404 otherwise, 401 for a wrong password of an existing login
   * (the token stays usable).
   */
  @PlatformAccess("confirm signup creates a tenant: the request is known only from the token, and the login of its"
      + " e-mail may belong to other companies")
  public SignedUp confirmSignup(String token, String password) {
    byte[] hash = OneTimeTokens.hash(token);
    Instant now = Instant.now();
    PendingSignup pending = Tenancy.asSystem("confirm signup: find the request of a token and the login of its e-mail",
        () -> transactions.execute(s -> em.createQuery("select r from SignupRequest r where r.tokenHash = :hash",
                SignupRequest.class)
            .setParameter("hash", hash).getResultStream().findFirst()
            .filter(r -> r.getUsedAt() == null && r.getExpiresAt().isAfter(now))
            .map(r -> new PendingSignup(r.getId(), r.getCompanyName(), r.getEmail(), loginOf(r.getEmail()).orElse(null),
                r.getCreatedCompany()))
            .orElse(null)));
    if (pending == null) {
      throw ApiProblem.notFoundBecause(INVALID_SIGNUP_LINK);
    }
    String newHash = proveOrHash(pending.login(), password,
        "You already have an account with this email: enter its password to add the new company to it.");
    UUID userId = Tenancy.asSystem("confirm signup: use the request and, if new, create the login",
        () -> transactions.execute(s -> {
          int taken = em.createQuery("update SignupRequest r set r.usedAt = :now where r.id = :id and r.usedAt is null")
              .setParameter("now", now).setParameter("id", pending.id()).executeUpdate();
          if (taken == 0) {
            throw ApiProblem.notFoundBecause(INVALID_SIGNUP_LINK);
          }
          return loginIn(pending.email(), pending.login(), newHash);
        }));
    UUID companyId = null;
    try {
      // an earlier attempt that failed after creating the company left it empty: finish that one, not a second
      Unfinished earlier = pending.createdCompany() == null ? null : unfinished(pending.createdCompany(), userId);
      companyId = earlier != null ? earlier.companyId() : createCompany(pending.companyName());
      SignedUp created = new SignedUp(companyId, userId);
      if (earlier == null || !earlier.ownerJoined()) {
        openCompany(created, pending.email());
      }
      return created;
    } catch (RuntimeException e) {
      releaseSignup(pending.id(), companyId != null ? companyId : pending.createdCompany());
      throw e;
    }
  }

  /**
   * The company an earlier attempt of a signup created, read as that company: to be finished when nobody belongs to
   * it yet, or already finished when its one member is this login as its owner (the attempt failed after the owner
   * joined). Null when it is gone or has other members: the retry then creates a company.
   */
  @PlatformAccess("a failed signup's company is bound by the id the failed attempt recorded, to finish it")
  private Unfinished unfinished(UUID companyId, UUID userId) {
    return Tenancy.supply(TenantContext.ofCompany(companyId), () -> transactions.execute(s -> {
      if (em.find(Company.class, companyId) == null) {
        return null;
      }
      List<Object[]> members = em.createQuery("select m.user.id, m.role from Membership m", Object[].class)
          .getResultList();
      if (members.isEmpty()) {
        LOG.info("Signup: finishing company {}, which an earlier attempt created and left empty", companyId);
        return new Unfinished(companyId, false);
      }
      boolean ownerJoined = members.size() == 1 && userId.equals(members.get(0)[0])
          && members.get(0)[1] == MemberRole.OWNER;
      return ownerJoined ? new Unfinished(companyId, true) : null;
    }));
  }

  /**
   * Gives a signup link back when creating its company failed after the link was used: the login and the company
   * are written in transactions of their own (on several clusters, on two databases), so a failure there must not
   * cost the person their link. The login, if new, stays: the retry proves its password like any existing login's.
   * The company, if this attempt created it, is recorded with the link, so that the retry finishes it instead of
   * leaving it empty beside a second one.
   */
  @PlatformAccess("a failed signup gives its link back: the request is global data")
  private void releaseSignup(UUID requestId, UUID createdCompany) { // this request took the link: no one else has it
    try {
      Tenancy.asSystem("confirm signup failed: give the link back", () -> transactions.execute(s -> em
          .createQuery("update SignupRequest r set r.usedAt = null, r.createdCompany = :company where r.id = :id")
          .setParameter("company", createdCompany).setParameter("id", requestId).executeUpdate()));
    } catch (RuntimeException e) {
      LOG.warn("A failed signup could not give its link back (request {}{}); the person must sign up again",
          requestId, createdCompany == null ? "" : ", company " + createdCompany + " left without members", e);
    }
  }

  /**
   * Creates a company and its owner at once; 409 when the email is already a login. Demo data only: over HTTP a
   * signup is a {@link #requestSignup request} its address confirms.
   */
  @PlatformAccess("signup creates a tenant: there is no company to bind before its row exists")
  public SignedUp signup(String companyName, String email, String password) {
    String hash = passwords.encode(password);
    UUID userId = Tenancy.asSystem("signup: create the owner login",
        () -> transactions.execute(s -> loginIn(email, null, hash)));
    SignedUp created = new SignedUp(createCompany(companyName), userId);
    openCompany(created, email);
    return created;
  }

  /**
   * Creates a company's row, in a system transaction of its own, on the cluster new companies go to, which then
   * holds it ({@link Clusters#createCompany}); the login was created before, on the home cluster.
   */
  @PlatformAccess("creates a tenant: there is no company to bind before its row exists")
  private UUID createCompany(String name) {
    return clusters.createCompany(() -> Tenancy.asSystem("signup: create a company",
        () -> transactions.execute(s -> {
          Company company = new Company(name);
          em.persist(company);
          em.flush();
          return company.getId();
        })));
  }

  /** The new company's owner membership and catalog clock. */
  @PlatformAccess("a new company is bound for the first time, by the id its creation returned")
  private void openCompany(SignedUp created, String email) {
    clusters.shareLogin(created.companyId(), created.userId(), email);
    Tenancy.run(TenantContext.ofCompany(created.companyId()), () -> transactions.executeWithoutResult(s -> {
      // a reference, not a load: the application role may not read the login's password hash
      em.persist(new Membership(em.getReference(UserAccount.class, created.userId()), MemberRole.OWNER));
      catalog.openClock();
    }));
  }

  /**
   * The member behind an email and password, or empty. A login that belongs to several companies (it
   * accepted an invitation of another company) signs in to the active one it joined first: the company is not
   * a client's choice ({@code TenantryRules} refuses a request body with a company id); a picker among the
   * login's own memberships is left for later. A right password whose every company is deactivated
   * ({@code TenantProvisioning.deactivateCompany}) is refused with 403, saying so: only the password's owner
   * learns it.
   */
  @PlatformAccess("login: which company a user belongs to is only known after finding the membership")
  Optional<Member> authenticate(String email, String password) {
    List<Member> members = clusters.onEachCluster(() -> Tenancy.asSystem(
        "login: find the memberships and password hash of a login", () -> transactions.execute(s -> {
          List<Membership> found = em.createQuery(
                  "select m from Membership m join fetch m.user u where u.email = :email order by m.id", Membership.class)
              .setParameter("email", email)
              .getResultList();
          if (found.isEmpty()) {
            return List.<Member>of();
          }
          Set<UUID> active = Set.copyOf(em.createQuery(
                  "select c.id from Company c where c.id in :ids and c.deactivatedAt is null", UUID.class)
              .setParameter("ids", found.stream().map(Membership::getCompanyId).toList())
              .getResultList());
          return found.stream().map(m -> new Member(m.getUser().getId(), m.getUser().getEmail(),
              m.getUser().getPasswordHash(), m.getCompanyId(), m.getRole(), m.isAllStores(), m.getGrantedStoreIds(),
              active.contains(m.getCompanyId()), m.getId())).toList();
        })));
    if (members.size() > 1) { // from several clusters: the order of joining, as one database orders them
      members = members.stream().sorted(Comparator.comparing(m -> m.membershipId().toString())).toList();
    }
    String hash = members.isEmpty() ? dummyHash : passwordHash(email, members);
    boolean matches = hash != null && passwords.matches(password, hash);
    if (!matches || members.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(members.stream().filter(Member::companyActive).findFirst().orElseThrow(() ->
        ApiProblem.forbidden("Your company is deactivated: you cannot sign in until it is reactivated.")));
  }

  /**
   * The password hash of a login whose memberships were found: the one a membership read on the home cluster carries;
   * when every membership is on another cluster (whose copy of the login has no hash), the home cluster's login.
   */
  @PlatformAccess("login: the password hash of a login lives on the home cluster, beside no company")
  private String passwordHash(String email, List<Member> members) {
    return members.stream().map(Member::passwordHash).filter(Objects::nonNull).findFirst()
        .orElseGet(() -> Tenancy.asSystem("login: the password hash of a login",
            () -> transactions.execute(s -> loginOf(email).map(Login::passwordHash).orElse(null))));
  }

  /**
   * Invites {@code email} into the bound company as a manager or cashier of the given (visible) stores:
   * the one-time link goes to that address ({@link Outbox}), valid for {@link #INVITATION_TTL}. The
   * answer is the same whether the address has a login elsewhere or not, and nothing is created for it
   * until its owner accepts: an owner can neither squat an e-mail nor learn that it exists elsewhere
   * (issue 22, item 2). 409 only when the address is already a member of this company, which the owner
   * sees anyway.
   */
  public Invited invite(String email, MemberRole role, List<UUID> storeIds, UUID invitedBy, String acceptBaseUrl) {
    String token = OneTimeTokens.create("inv_");
    Instant now = Instant.now();
    Invitation invitation = transactions.execute(s -> {
      stores.requireAll(storeIds);
      // the application role sees the logins of this company's members only: nothing about other companies
      Long members = em.createQuery("select count(m) from Membership m where m.user.email = :email", Long.class)
          .setParameter("email", email).getSingleResult();
      if (members > 0) {
        throw ApiProblem.conflict("This email is already a member of your company.");
      }
      Invitation created = new Invitation(email, role, storeIds, OneTimeTokens.hash(token), invitedBy, now, now.plus(INVITATION_TTL));
      em.persist(created);
      em.flush();
      return created;
    });
    outbox.send(email, "You are invited to a Tenantry POS company", acceptBaseUrl + "/#invitation=" + token);
    return new Invited(invitation.getId(), email, role, List.copyOf(storeIds), invitation.getExpiresAt());
  }

  /**
   * Accepts an invitation with the token its address received: the person sets the password of a new
   * login, or, when the address already has one (in another company), proves it with that login's
   * password; either way they become a member of the inviting company with the invited role and stores.
   * A token works once and until it expires; 404 otherwise, 401 for a wrong password of an existing login.
   */
  @PlatformAccess("accept invitation: the company is known only from the token, and the login may belong to other companies")
  public Accepted accept(String token, String password) {
    byte[] hash = OneTimeTokens.hash(token);
    Instant now = Instant.now();
    // the invitation is on its company's cluster, the login of its e-mail on the home cluster
    Pending invited = clusters.onEachCluster(() -> Tenancy.asSystem("accept invitation: find the invitation of a token",
        () -> transactions.execute(s -> em.createQuery("select i from Invitation i where i.tokenHash = :hash",
                Invitation.class)
            .setParameter("hash", hash).getResultStream().limit(1)
            .filter(i -> i.getAcceptedAt() == null && i.getExpiresAt().isAfter(now))
            .map(i -> new Pending(i.getId(), i.getCompanyId(), i.getEmail(), i.getRole(), i.getStoreIds(), null))
            .toList()))).stream().findFirst().orElse(null);
    if (invited == null) {
      throw ApiProblem.notFoundBecause(INVALID_LINK);
    }
    Login login = Tenancy.asSystem("accept invitation: find the login of the invited e-mail",
        () -> transactions.execute(s -> loginOf(invited.email()).orElse(null)));
    Pending pending = new Pending(invited.id(), invited.companyId(), invited.email(), invited.role(),
        invited.storeIds(), login);
    String newHash = proveOrHash(pending.login(), password,
        "You already have an account with this email: enter its password to accept.");
    UUID userId = pending.login() != null ? pending.login().id()
        : Tenancy.asSystem("accept invitation: create the login of the invited e-mail",
            () -> transactions.execute(s -> loginIn(pending.email(), null, newHash)));
    clusters.shareLogin(pending.companyId(), userId, pending.email());
    Tenancy.run(TenantContext.ofCompany(pending.companyId()), () -> transactions.executeWithoutResult(s -> {
      int taken = em.createQuery("update Invitation i set i.acceptedAt = :now where i.id = :id and i.acceptedAt is null")
          .setParameter("now", now).setParameter("id", pending.id()).executeUpdate();
      if (taken == 0) {
        throw ApiProblem.notFoundBecause(INVALID_LINK);
      }
      Long member = em.createQuery("select count(m) from Membership m where m.user.id = :user", Long.class)
          .setParameter("user", userId).getSingleResult();
      if (member == 0) {
        Membership membership = new Membership(em.getReference(UserAccount.class, userId), pending.role());
        // the stores that still exist (one may have been removed since the invitation)
        membership.grantStores(pending.storeIds().isEmpty() ? List.of() : em.createQuery(
            "select s.id from Store s where s.id in :ids", UUID.class).setParameter("ids", pending.storeIds()).getResultList());
        em.persist(membership);
      }
    }));
    return new Accepted(pending.companyId(), userId);
  }

  /** The login of {@code email}, in a transaction of the system login (the only one that sees every login). */
  private Optional<Login> loginOf(String email) {
    return em.createQuery("select u from UserAccount u where u.email = :email", UserAccount.class)
        .setParameter("email", email).getResultStream().findFirst()
        .map(u -> new Login(u.getId(), u.getPasswordHash()));
  }

  /**
   * For a link opened with {@code password}: when the address has a login, checks that the password is its own
   * (401 with {@code wrongPassword} otherwise) and returns null; else returns the hash of the new login's password.
   */
  private String proveOrHash(Login existing, String password, String wrongPassword) {
    if (existing == null) {
      return passwords.encode(password);
    }
    if (existing.passwordHash() == null || !passwords.matches(password, existing.passwordHash())) {
      throw ApiProblem.unauthorized(wrongPassword);
    }
    return null;
  }

  /** The existing login's id, or a new login of {@code email} with {@code newHash}; in a system transaction. */
  private UUID loginIn(String email, Login existing, String newHash) {
    if (existing != null) {
      return existing.id();
    }
    requireFreeEmail(email);
    UserAccount user = new UserAccount(email, newHash);
    em.persist(user);
    em.flush();
    return user.getId();
  }

  /**
   * Demo data only (not reachable over HTTP, where an owner invites): adds a manager or cashier with a
   * password to the bound company.
   */
  @PlatformAccess("demo users: whether an e-mail is taken is known only across companies")
  public UUID addUser(String email, String password, MemberRole role, List<UUID> storeIds) {
    String hash = passwords.encode(password);
    UUID companyId = Tenancy.current().companyId(); // a tenant is bound: the user joins its company
    // Logins are platform-wide (on the home cluster), but the application role sees only this company's: the
    // system login checks the e-mail and creates the login.
    UUID userId = Tenancy.asSystem("add user: create the login of an e-mail free across companies",
        () -> transactions.execute(s -> loginIn(email, null, hash)));
    clusters.shareLogin(companyId, userId, email);
    return transactions.execute(s -> {
      stores.requireAll(storeIds);
      Membership membership = new Membership(em.getReference(UserAccount.class, userId), role);
      membership.grantStores(storeIds);
      em.persist(membership);
      em.flush();
      return userId;
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
