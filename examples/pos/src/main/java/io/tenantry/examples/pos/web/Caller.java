package io.tenantry.examples.pos.web;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.core.model.MemberRole;
import io.tenantry.spring.security.RegisterKeyAuthentication;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is calling: a member (a person with a JWT this server minted: user id, role) or a register
 * (an {@code X-Register-Key} the starter resolved). The tenant itself is always
 * {@link Tenancy#current()}, bound by the starter from the same credentials; nothing here is read
 * from the request body or a header the client chooses.
 */
public final class Caller {

  /** Claim with the member's role (the starter's default {@code tenantry.jwt.role-claim}). */
  public static final String ROLE_CLAIM = "role";
  /** The {@code iss} of every token this server mints and accepts. */
  public static final String ISSUER = "urn:tenantry:pos";
  /** Claim with the member's email. */
  public static final String EMAIL_CLAIM = "email";

  private Caller() {}

  /** The bound tenant. */
  public static TenantContext tenant() {
    return Tenancy.current();
  }

  /** The member's role; empty for a register. */
  public static Optional<MemberRole> role() {
    if (authentication() instanceof JwtAuthenticationToken jwt) {
      String role = jwt.getToken().getClaimAsString(ROLE_CLAIM);
      return Arrays.stream(MemberRole.values()).filter(r -> r.name().equals(role)).findFirst();
    }
    return Optional.empty();
  }

  /** The member's user id (the token's subject). */
  public static UUID userId() {
    if (authentication() instanceof JwtAuthenticationToken jwt) {
      return UUID.fromString(jwt.getToken().getSubject());
    }
    throw ApiProblem.forbidden("Only a signed-in user can do this, not a register.");
  }

  /** The member's email. */
  public static String email() {
    if (authentication() instanceof JwtAuthenticationToken jwt) {
      return jwt.getToken().getClaimAsString(EMAIL_CLAIM);
    }
    return null;
  }

  /** Whether a register is calling. */
  public static boolean isRegister() {
    return authentication() instanceof RegisterKeyAuthentication;
  }

  /** Requires a member with one of the roles (403 otherwise). */
  public static void requireRole(MemberRole... roles) {
    MemberRole role = role().orElseThrow(() -> ApiProblem.forbidden("Only a signed-in user can do this, not a register."));
    if (Arrays.stream(roles).noneMatch(r -> r == role)) {
      throw ApiProblem.forbidden("This needs the role " + Arrays.toString(roles) + "; you are " + role + ".");
    }
  }

  /** Requires a register (403 otherwise). */
  public static TenantContext requireRegister() {
    if (!isRegister()) {
      throw ApiProblem.forbidden("Only a register (X-Register-Key) can do this.");
    }
    return Tenancy.current();
  }

  /** Requires a single store: the register's, or the one selected with X-Store-Id. */
  public static UUID requireStore() {
    return Tenancy.current().storeId().orElseThrow(() -> ApiProblem.badRequest(
        "Select a store first: send X-Store-Id with one of your stores, or call as a register."));
  }

  private static Authentication authentication() {
    return SecurityContextHolder.getContext().getAuthentication();
  }
}
