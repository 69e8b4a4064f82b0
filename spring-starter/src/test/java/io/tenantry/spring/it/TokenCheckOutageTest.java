package io.tenantry.spring.it;

import static io.tenantry.spring.it.World.A;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.spring.it.zeroconfig.ZeroConfigApp;
import io.tenantry.spring.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource server cannot check a bearer token for a reason of the server's own (its issuer or JWK set cannot
 * be reached): the answer is 503 with {@code Retry-After}, not a 401 that tells the client to throw its token
 * away. Real bad tokens stay 401. The application is the zero-configuration one (Boot's own security chain, which
 * does not permit the container's error dispatch); its {@code JwtDecoder} is built the way Boot builds one from
 * {@code jwk-set-uri} and {@code issuer-uri}, pointed at a closed local port.
 */
@SpringBootTest(classes = {ZeroConfigApp.class, TokenCheckOutageTest.SwitchedDecoder.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TokenCheckOutageTest extends ZeroConfigAppTestSupport {

  static final TestTokens TOKENS = TestTokens.generate("https://issuer.test");
  static final String CLOSED = "http://127.0.0.1:" + closedPort();
  static volatile Decoder decoder = Decoder.WORKING;

  /** How the application's decoder behaves. */
  enum Decoder {
    /** Verifies with the test key. */
    WORKING(() -> NimbusJwtDecoder.withPublicKey(TOKENS.publicKey()).build(), ""),
    /** {@code jwk-set-uri}: the JWK set cannot be fetched ({@code JwtException}, not a {@code BadJwtException}). */
    JWK_SET_UNREACHABLE(() -> NimbusJwtDecoder.withJwkSetUri(CLOSED + "/jwks").build(), "Connection refused"),
    /** {@code issuer-uri}: the issuer's configuration cannot be fetched ({@code JwtDecoderInitializationException}). */
    ISSUER_UNREACHABLE(() -> new SupplierJwtDecoder(() -> NimbusJwtDecoder.withIssuerLocation(CLOSED).build()),
        "Connection refused"),
    /** Any other decoder failure that is not about the token. */
    FAILING(() -> token -> {
      throw new JwtException("key store unavailable");
    }, "key store unavailable");

    final JwtDecoder jwt;
    final String cause;

    Decoder(Supplier<JwtDecoder> jwt, String cause) {
      this.jwt = jwt.get();
      this.cause = cause;
    }
  }

  @TestConfiguration
  static class SwitchedDecoder {
    @Bean
    JwtDecoder jwtDecoder() {
      return token -> decoder.jwt.decode(token);
    }
  }

  @AfterEach
  void working() {
    decoder = Decoder.WORKING;
  }

  @ParameterizedTest
  @EnumSource(names = {"JWK_SET_UNREACHABLE", "ISSUER_UNREACHABLE", "FAILING"})
  void aDecoderThatCannotWork_answers503_notInvalidToken(Decoder failing, CapturedOutput log) throws Exception {
    decoder = failing;
    HttpResponse<String> answer = get(port, "/sales", TOKENS.owner(A));
    assertUnavailable(answer, "/sales");
    assertLoggedOnce(log, "GET /sales", failing.cause);
  }

  @Test
  void aWorkingDecoder_stillAnswersTheToken() throws Exception {
    assertThat(get(port, "/sales", TOKENS.owner(A)).statusCode()).isEqualTo(200);
  }

  @Test
  void badTokens_stay401WithTheInvalidTokenChallenge() throws Exception {
    TestTokens stranger = TestTokens.generate("https://issuer.test");
    for (String token : new String[] {stranger.owner(A), "not-a-jwt", TOKENS.owner(A) + "x"}) {
      HttpResponse<String> answer = get(port, "/sales", token);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
      assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
          challenge -> assertThat(challenge).startsWith("Bearer").contains("error=\"invalid_token\""));
      JsonNode problem = new JsonMapper().readTree(answer.body());
      assertThat(problem.path("detail").asString()).isEqualTo(
          "The credentials are not valid: the token is malformed, expired, or not signed by a trusted issuer.");
      assertThat(problem.path("instance").asString()).isEqualTo("/sales");
      assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
    }
  }

  /** 503 problem details for the request's own path, retry after 1 s, no challenge, nothing about the cause. */
  static void assertUnavailable(HttpResponse<String> answer, String path) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
    JsonNode problem = new JsonMapper().readTree(answer.body());
    assertThat(problem.path("type").asString()).isEqualTo("about:blank");
    assertThat(problem.path("title").asString()).isEqualTo("Service Unavailable");
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("detail").asString()).isEqualTo(
        "The server cannot check credentials right now; retry shortly. The token was not rejected.");
    assertThat(problem.path("instance").asString()).isEqualTo(path);
    assertThat(answer.body()).doesNotContain("127.0.0.1", "Exception", "refused", "not valid");
  }

  /** One WARN line with the cause for the request, and no stack trace of the container's. */
  static void assertLoggedOnce(CapturedOutput log, String request, String cause) {
    String text = log.getOut() + log.getErr();
    Matcher lines = Pattern.compile("(?m)^.* WARN .*Could not check the credentials of " + Pattern.quote(request)
        + ".*$").matcher(text);
    assertThat(lines.find()).as(text).isTrue();
    assertThat(lines.group()).contains("answered 503", cause);
    assertThat(lines.find()).as("logged once").isFalse();
    assertThat(text).doesNotContain("Servlet.service()", "ERROR");
  }

  static HttpResponse<String> get(int port, String path, String token) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Bearer " + token).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A local port nothing listens on: connecting to it is refused at once. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
