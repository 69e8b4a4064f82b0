package io.tenantry.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TenantResponseHeadersTest {

  private final TenantResponseHeaders headers = new TenantResponseHeaders();

  @Test
  void aTenantResponseIsPrivateAndVariesByCredentials() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader("Authorization", "Bearer x");
    MockHttpServletResponse response = new MockHttpServletResponse();
    headers.apply(request, response);
    headers.apply(request, response);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("private");
    assertThat(response.getHeaders("Vary")).containsExactly(TenantHeaders.VARY);
  }

  @Test
  void anExistingCacheControlIsKept() {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.addHeader(TenantHeaders.REGISTER_KEY, "k");
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setHeader("Cache-Control", "no-store");
    response.addHeader("Vary", "Origin");
    headers.apply(request, response);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeaders("Vary")).containsExactly("Origin", TenantHeaders.VARY);
  }

  @Test
  void anAnonymousResponseIsLeftAlone() {
    MockHttpServletResponse response = new MockHttpServletResponse();
    headers.apply(new MockHttpServletRequest(), response);
    assertThat(response.getHeaderNames()).isEmpty();
  }
}
