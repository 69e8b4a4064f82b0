package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;

import io.tenantry.spring.it.zeroconfig.ZeroConfigApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The new user's case as reported: only Boot's properties, {@code issuer-uri} naming an issuer that cannot be
 * reached. A bearer token is answered 503 (the server cannot check it now), not 401 at {@code /error}.
 */
@SpringBootTest(classes = ZeroConfigApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.main.banner-mode=off")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class IssuerUnreachableTest extends ZeroConfigAppTestSupport {

  @DynamicPropertySource
  static void issuer(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TokenCheckOutageTest.CLOSED);
  }

  @Test
  void aBearerToken_isAnswered503WithRetryAfter(CapturedOutput log) throws Exception {
    TokenCheckOutageTest.assertUnavailable(
        TokenCheckOutageTest.get(port, "/sales", TokenCheckOutageTest.TOKENS.owner(A)), "/sales");
    TokenCheckOutageTest.assertLoggedOnce(log, "GET /sales", "Connection refused");
  }
}
