package io.tenantry.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemsTest {

  @Test
  void writesRfc9457JsonAndEscapesThePath() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/a\"b<script>\\");
    MockHttpServletResponse response = new MockHttpServletResponse();
    Problems.write(request, response, 403, "Forbidden", "Not \"yours\".\n");
    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).isEqualTo("{\"type\":\"about:blank\",\"title\":\"Forbidden\","
        + "\"status\":403,\"detail\":\"Not \\\"yours\\\".\\n\",\"instance\":\"/a\\\"b\\u003cscript\\u003e\\\\\"}");
  }
}
