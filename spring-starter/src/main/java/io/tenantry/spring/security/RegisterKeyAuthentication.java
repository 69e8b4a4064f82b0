package io.tenantry.spring.security;

import io.tenantry.spring.registerkey.RegisterIdentity;
import java.util.Collection;
import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authentication of a request made with a valid register key. Its principal is the
 * {@link RegisterIdentity}; its name {@code register:<register id>}; its authorities those of
 * {@code tenantry.register-keys.authorities} (default {@code ROLE_REGISTER}), so that security rules
 * can tell registers from people: {@code .requestMatchers("/sync/**").hasRole("REGISTER")}.
 */
public final class RegisterKeyAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  /** The register the key belongs to. */
  private final RegisterIdentity identity;

  /** An authenticated register. */
  public RegisterKeyAuthentication(RegisterIdentity identity, Collection<? extends GrantedAuthority> authorities) {
    super(authorities);
    this.identity = Objects.requireNonNull(identity, "identity");
    setAuthenticated(true);
  }

  /** The key is never kept: there is nothing to show here. */
  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public RegisterIdentity getPrincipal() {
    return identity;
  }

  @Override
  public String getName() {
    return identity.principalName();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegisterKeyAuthentication other && super.equals(o) && identity.equals(other.identity);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + identity.hashCode();
  }
}
