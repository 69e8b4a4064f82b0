package io.tenantry.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.spring.test.TenantRequests;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The test artifact's request helpers send the headers this starter reads (they cannot share the constants). */
class TenantRequestsHeadersTest {

  @Test
  void registerKeyAndStoreHeaders_areTheOnesTheFilterReads() {
    UUID store = UUID.randomUUID();
    MockHttpServletRequest request = TenantRequests.inStore(store).postProcessRequest(
        TenantRequests.asRegister("trk_x").postProcessRequest(new MockHttpServletRequest()));
    assertThat(request.getHeader(TenantHeaders.REGISTER_KEY)).isEqualTo("trk_x");
    assertThat(request.getHeader(TenantHeaders.STORE_ID)).isEqualTo(store.toString());
  }
}
