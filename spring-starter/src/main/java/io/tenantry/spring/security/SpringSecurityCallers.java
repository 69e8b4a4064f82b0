package io.tenantry.spring.security;

import io.tenantry.core.TenantContext;
import io.tenantry.spring.registerkey.RegisterIdentity;
import io.tenantry.spring.web.CallerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * {@link CallerAuthentication} over Spring Security: reads the authentication the chain established
 * and asks the {@link AuthenticationTenantConverter}s for its tenant; records an accepted register
 * key as a {@link RegisterKeyAuthentication} so that authorization rules see an authenticated
 * request. The context is not saved to a session: the chain clears it when the request ends.
 */
public final class SpringSecurityCallers implements CallerAuthentication {

  private final List<AuthenticationTenantConverter> converters;
  private final List<GrantedAuthority> registerAuthorities;
  private final SecurityContextHolderStrategy holder;

  /**
   * Reads tenants with the given converters, first non-empty answer wins.
   *
   * @param registerAuthorities authorities granted to register-key requests
   */
  public SpringSecurityCallers(List<AuthenticationTenantConverter> converters, Collection<String> registerAuthorities) {
    this(converters, registerAuthorities, SecurityContextHolder.getContextHolderStrategy());
  }

  SpringSecurityCallers(List<AuthenticationTenantConverter> converters, Collection<String> registerAuthorities,
      SecurityContextHolderStrategy holder) {
    this.converters = List.copyOf(converters);
    this.registerAuthorities = registerAuthorities.stream()
        .<GrantedAuthority>map(SimpleGrantedAuthority::new)
        .toList();
    this.holder = holder;
  }

  @Override
  public boolean isAuthenticated(HttpServletRequest request) {
    Authentication authentication = holder.getContext().getAuthentication();
    return authentication != null && authentication.isAuthenticated()
        && !(authentication instanceof AnonymousAuthenticationToken);
  }

  @Override
  public Optional<TenantContext> tenant(HttpServletRequest request) {
    if (!isAuthenticated(request)) {
      return Optional.empty();
    }
    Authentication authentication = holder.getContext().getAuthentication();
    for (AuthenticationTenantConverter converter : converters) {
      Optional<TenantContext> tenant = converter.convert(authentication);
      if (tenant.isPresent()) {
        return tenant;
      }
    }
    return Optional.empty();
  }

  @Override
  public void registerKeyAccepted(HttpServletRequest request, RegisterIdentity identity) {
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(new RegisterKeyAuthentication(identity, registerAuthorities));
    holder.setContext(context);
  }
}
