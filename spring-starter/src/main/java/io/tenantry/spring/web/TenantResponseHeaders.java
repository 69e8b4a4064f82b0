package io.tenantry.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.Locale;

/**
 * Keeps tenant responses out of shared caches (a proxy must not serve one tenant's response to another): on a response to a request that carries
 * credentials or has a tenant bound, sets {@code Cache-Control: private} unless a
 * {@code Cache-Control} header is already there (the application's, or Spring Security's stricter
 * {@code no-store}), and adds {@code Vary: Authorization, X-Register-Key, X-Store-Id}.
 */
public final class TenantResponseHeaders {

  /** Writes the headers if the request is a tenant request; call before the response is committed. */
  public void apply(HttpServletRequest request, HttpServletResponse response) {
    if (response.isCommitted() || !isTenantRequest(request)) {
      return;
    }
    if (!response.containsHeader("Cache-Control")) {
      response.setHeader("Cache-Control", "private");
    }
    if (!varies(response.getHeaders("Vary"))) {
      response.addHeader("Vary", TenantHeaders.VARY);
    }
  }

  static boolean isTenantRequest(HttpServletRequest request) {
    return request.getAttribute(TenantFilter.CONTEXT_ATTRIBUTE) != null
        || request.getHeader("Authorization") != null
        || request.getHeader(TenantHeaders.REGISTER_KEY) != null;
  }

  private static boolean varies(Collection<String> values) {
    String all = String.join(",", values).toLowerCase(Locale.ROOT);
    return all.contains("*")
        || (all.contains("authorization") && all.contains(TenantHeaders.REGISTER_KEY.toLowerCase(Locale.ROOT))
            && all.contains(TenantHeaders.STORE_ID.toLowerCase(Locale.ROOT)));
  }
}
