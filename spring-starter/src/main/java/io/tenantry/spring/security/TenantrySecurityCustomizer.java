package io.tenantry.spring.security;

import io.tenantry.spring.web.TenantFilter;
import io.tenantry.spring.web.TenantHeaders;
import io.tenantry.spring.web.TenantResponseHeaders;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Tenantry's share of every Spring Security filter chain. Spring Security applies
 * {@code Customizer<HttpSecurity>} beans to each {@code HttpSecurity} before the application's own
 * configuration, so the application's explicit settings still win. It
 * <ul>
 *   <li>adds the {@link TenantFilter} after every authentication filter (bearer tokens included)
 *       and before anonymous authentication and authorization;</li>
 *   <li>exempts requests that carry {@code X-Register-Key} from CSRF protection: a browser cannot
 *       attach that header to a cross-site request, the same reasoning that exempts bearer tokens;</li>
 *   <li>adds {@code Cache-Control: private} and {@code Vary} to tenant responses after Spring
 *       Security's own cache headers (which win when present);</li>
 *   <li>registers problem-details answers for 401 and 403 as the defaults for non-HTML requests (an
 *       explicit {@code exceptionHandling} entry point of the application replaces them), and for the
 *       resource server's invalid-token answers.</li>
 * </ul>
 */
public final class TenantrySecurityCustomizer implements Customizer<HttpSecurity> {

  private static final RequestMatcher REGISTER_KEY_REQUEST =
      request -> request.getHeader(TenantHeaders.REGISTER_KEY) != null;

  private final TenantFilter filter;
  private final TenantResponseHeaders responseHeaders;
  private final AuthenticationEntryPoint entryPoint;
  private final AccessDeniedHandler accessDeniedHandler;

  /**
   * Creates the customizer.
   *
   * @param responseHeaders {@code null} to leave cache headers alone
   * @param entryPoint problem-details entry point; {@code null} to leave failure answers alone
   * @param accessDeniedHandler problem-details handler; {@code null} to leave failure answers alone
   */
  public TenantrySecurityCustomizer(TenantFilter filter, TenantResponseHeaders responseHeaders,
      AuthenticationEntryPoint entryPoint, AccessDeniedHandler accessDeniedHandler) {
    this.filter = filter;
    this.responseHeaders = responseHeaders;
    this.entryPoint = entryPoint;
    this.accessDeniedHandler = accessDeniedHandler;
  }

  @Override
  public void customize(HttpSecurity http) {
    http.csrf(csrf -> csrf.ignoringRequestMatchers(REGISTER_KEY_REQUEST));
    if (responseHeaders != null) {
      http.headers(headers -> headers.addHeaderWriter(responseHeaders::apply));
    }
    if (entryPoint != null && accessDeniedHandler != null) {
      RequestMatcher api = notHtml();
      http.exceptionHandling(exceptions -> exceptions
          .defaultAuthenticationEntryPointFor(entryPoint, api)
          .defaultAccessDeniedHandlerFor(accessDeniedHandler, api));
    }
    http.with(new TenantryHttpConfigurer(filter, entryPoint));
  }

  private static RequestMatcher notHtml() {
    MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
    html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
    return new NegatedRequestMatcher(html);
  }
}
