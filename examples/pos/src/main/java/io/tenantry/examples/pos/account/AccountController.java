package io.tenantry.examples.pos.account;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.UserAccount;
import io.tenantry.examples.pos.store.StoreService;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * {@code /api/signup} (+ {@code /confirm}), {@code /api/auth/login}, {@code /api/me}, {@code /api/invitations}
 * (+ {@code /accept}).
 */
@RestController
@RequestMapping("/api")
class AccountController {

  record Signup(String companyName, String email, String password) {}

  record SignupRequested(String message) {}

  record Confirmation(String token, String password) {}

  record SignupView(UUID companyId, UUID userId) {}

  /** The one answer to every well-formed signup, whether its address has a login or not. */
  static final String CHECK_YOUR_MAIL = "Check your email: we sent a link to confirm the signup. It works once, for"
      + " 24 hours.";

  record Login(String email, String password) {}

  record TokenView(String token) {}

  record StoreRef(UUID id, String name) {}

  record MeView(UUID userId, String email, MemberRole role, UUID companyId, List<StoreRef> stores) {}

  record NewInvitation(String email, String role, List<UUID> storeIds) {}

  record Acceptance(String token, String password) {}

  record AcceptedView(UUID companyId, UUID userId) {}

  private final Accounts accounts;
  private final Tokens tokens;
  private final StoreService stores;
  private final String publicUrl;

  AccountController(Accounts accounts, Tokens tokens, StoreService stores,
      @Value("${pos.public-url:}") String publicUrl) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.stores = stores;
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /**
   * Asks for a company: mails a one-time link to the address, and answers 202 with the same body whether the
   * address has a login or not. The password is chosen when the link is opened ({@link #confirm}), so that
   * whoever asks with someone else's address never holds a password of theirs.
   */
  @PostMapping("/signup")
  @ResponseStatus(HttpStatus.ACCEPTED)
  SignupRequested signup(@RequestBody Signup body) {
    String company = Input.text(body.companyName(), "companyName", 200);
    String email = email(body.email());
    if (body.password() != null) {
      throw ApiProblem.badRequest("Signup takes no 'password': you choose it when you open the link mailed to your"
          + " address (POST /api/signup/confirm).");
    }
    accounts.requestSignup(company, email, linkBase());
    return new SignupRequested(CHECK_YOUR_MAIL);
  }

  /**
   * Confirms a signup with the token from its link, and creates the company and its owner: a new login with
   * this password, or the existing login of the address when this is its password.
   */
  @PostMapping("/signup/confirm")
  @ResponseStatus(HttpStatus.CREATED)
  SignupView confirm(@RequestBody Confirmation body) {
    String token = Input.text(body.token(), "token", 100);
    Accounts.SignedUp created = accounts.confirmSignup(token, password(body.password()));
    return new SignupView(created.companyId(), created.userId());
  }

  @PostMapping("/auth/login")
  TokenView login(@RequestBody Login body) {
    String email;
    try {
      email = UserAccount.normalizeEmail(body.email());
    } catch (IllegalArgumentException e) {
      email = "";
    }
    String password = body.password() == null ? "" : body.password();
    Accounts.Member m = accounts.authenticate(email, password)
        .orElseThrow(() -> ApiProblem.unauthorized("Wrong email or password."));
    return new TokenView(tokens.mint(m.userId(), m.email(), m.companyId(), m.role(), m.allStores(), m.stores()));
  }

  @GetMapping("/me")
  MeView me() {
    UUID userId = Caller.userId();
    TenantContext all = Tenancy.current().withoutStore(); // every granted store, whatever X-Store-Id selects
    List<StoreRef> visible = Tenancy.supply(all, () -> stores.visible().stream()
        .map(s -> new StoreRef(s.getId(), s.getName())).toList());
    String email = Caller.email() != null ? Caller.email() : accounts.email(userId);
    return new MeView(userId, email, Caller.role().orElseThrow(), Tenancy.current().companyId(), visible);
  }

  /**
   * Invites an e-mail address as a manager or cashier (owner). The link goes to that address; the answer
   * holds no token and is the same whether the address has a login in another company or not.
   */
  @PostMapping("/invitations")
  @ResponseStatus(HttpStatus.CREATED)
  Accounts.Invited invite(@RequestBody NewInvitation body) {
    Caller.requireRole(MemberRole.OWNER);
    String email = email(body.email());
    MemberRole role;
    if ("MANAGER".equals(body.role())) {
      role = MemberRole.MANAGER;
    } else if ("CASHIER".equals(body.role())) {
      role = MemberRole.CASHIER;
    } else {
      throw ApiProblem.badRequest("'role' must be MANAGER or CASHIER.");
    }
    List<UUID> storeIds = Input.ids(body.storeIds(), "storeIds", 100);
    return accounts.invite(email, role, storeIds, Caller.userId(), linkBase());
  }

  /** Accepts an invitation with the token from its link: a new login's password, or the existing login's (anyone). */
  @PostMapping("/invitations/accept")
  AcceptedView accept(@RequestBody Acceptance body) {
    String token = Input.text(body.token(), "token", 100);
    Accounts.Accepted accepted = accounts.accept(token, password(body.password()));
    return new AcceptedView(accepted.companyId(), accepted.userId());
  }

  /**
   * Where mailed links point: {@code pos.public-url} (set it in production), else the address and port this
   * request arrived on. Never the request's {@code Host} header: a caller chooses it, and a signup or an
   * invitation sent with a forged one would mail the address owner a link — and its token — to another site.
   */
  private String linkBase() {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
        .getRequest();
    String host = request.getLocalAddr();
    return request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + request.getLocalPort() + request.getContextPath();
  }

  private static String email(String value) {
    try {
      return UserAccount.normalizeEmail(Input.text(value, "email", 320));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'email' must be an email address such as ana@example.com.");
    }
  }

  private static String password(String value) {
    if (value == null || value.length() < 8 || value.getBytes(StandardCharsets.UTF_8).length > 72) {
      throw ApiProblem.badRequest("'password' needs 8 to 72 characters (at most 72 bytes in UTF-8).");
    }
    return value;
  }
}
