package io.tenantry.spring.security;

import io.tenantry.core.TenantContext;
import io.tenantry.spring.web.InvalidTenantClaimsException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads the tenant from the claims of a JWT that Spring Security has verified (signature, expiry,
 * issuer). Defaults, each configurable under {@code tenantry.jwt.*}:
 *
 * <pre>{@code
 * {
 *   "sub": "maria@example.com",               // principal-claim: the principal's name
 *   "company_id": "0190c6a1-…",               // company-claim: the tenant, a UUID
 *   "role": "MANAGER",                        // role-claim: a string or a list of strings
 *   "store_ids": ["0190c6a2-…", "0190c6a3-…"] // stores-claim: granted stores, or "*" for all
 * }
 * }</pre>
 *
 * Every store of the company is granted when the role is one of {@code tenantry.jwt.all-stores-roles}
 * (default {@code OWNER}) or the stores claim is the string {@code "*"}; otherwise exactly the listed
 * stores (none when the claim is absent: fail closed). A token without the company claim names no
 * tenant. A malformed company or store id refuses the whole token.
 */
public final class JwtClaimsTenantConverter implements AuthenticationTenantConverter {

  /** The value of the stores claim that grants every store of the company. */
  public static final String ALL_STORES = "*";

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s,]+");

  private final String companyClaim;
  private final String roleClaim;
  private final String storesClaim;
  private final Set<String> allStoresRoles;
  private final String principalClaim;

  /**
   * A converter reading the given claims.
   *
   * @param allStoresRoles roles that see every store, compared case-insensitively
   */
  public JwtClaimsTenantConverter(String companyClaim, String roleClaim, String storesClaim,
      Collection<String> allStoresRoles, String principalClaim) {
    this.companyClaim = Objects.requireNonNull(companyClaim, "companyClaim");
    this.roleClaim = Objects.requireNonNull(roleClaim, "roleClaim");
    this.storesClaim = Objects.requireNonNull(storesClaim, "storesClaim");
    this.principalClaim = Objects.requireNonNull(principalClaim, "principalClaim");
    Set<String> roles = new LinkedHashSet<>();
    allStoresRoles.forEach(r -> roles.add(r.toUpperCase(Locale.ROOT)));
    this.allStoresRoles = Set.copyOf(roles);
  }

  @Override
  public Optional<TenantContext> convert(Authentication authentication) {
    if (!(authentication instanceof JwtAuthenticationToken token)) {
      return Optional.empty();
    }
    Jwt jwt = token.getToken();
    Map<String, Object> claims = jwt.getClaims();
    Object company = claims.get(companyClaim);
    if (company == null) {
      return Optional.empty();
    }
    TenantContext.Builder builder = TenantContext.builder(uuid(company, companyClaim));
    Object stores = claims.get(storesClaim);
    if (ALL_STORES.equals(stores) || grantsAllStores(claims.get(roleClaim))) {
      builder.allStores();
    } else {
      builder.grantedStores(storeIds(stores));
    }
    Object principal = claims.get(principalClaim);
    builder.principal(principal != null ? principal.toString() : token.getName());
    return Optional.of(builder.build());
  }

  private boolean grantsAllStores(Object role) {
    if (role == null) {
      return false;
    }
    Collection<?> roles = role instanceof Collection<?> c ? c : List.of(role);
    for (Object r : roles) {
      if (r != null && allStoresRoles.contains(r.toString().toUpperCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private List<UUID> storeIds(Object stores) {
    List<UUID> ids = new ArrayList<>();
    if (stores == null) {
      return ids;
    }
    Collection<?> values;
    if (stores instanceof Collection<?> c) {
      values = c;
    } else if (stores instanceof String s) {
      values = s.isBlank() ? List.of() : List.of(LIST_SEPARATOR.split(s.strip()));
    } else {
      throw new InvalidTenantClaimsException("Claim '" + storesClaim + "' must be a list of store ids or \""
          + ALL_STORES + "\", not " + stores.getClass().getSimpleName());
    }
    for (Object v : values) {
      ids.add(uuid(v, storesClaim));
    }
    return ids;
  }

  private static UUID uuid(Object value, String claim) {
    if (value instanceof String s && UUID_TEXT.matcher(s).matches()) {
      return UUID.fromString(s);
    }
    throw new InvalidTenantClaimsException("Claim '" + claim + "' must hold UUIDs (found a value that is not one)");
  }
}
