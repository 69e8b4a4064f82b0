package io.tenantry.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.tenantry.spring.it.zeroconfig.ZeroConfigApp;
import io.tenantry.spring.test.TestTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One error shape at the HTTP edge, also where Spring MVC's exception handling never runs: Spring Security's
 * firewall, the container's {@code /error} path after a filter failed, and Tomcat's own answer to a request it
 * cannot parse. Each request goes over a raw socket (an HTTP client would refuse to send it); each answer must
 * be {@code application/problem+json} with the RFC 9457 members, and never Boot's default JSON, Tomcat's HTML
 * page, server details or an exception's message.
 */
@SpringBootTest(classes = {ZeroConfigApp.class, EdgeErrorsTest.FailingFilters.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EdgeErrorsTest extends ZeroConfigAppTestSupport {

  static final TestTokens TOKENS = TestTokens.generate("https://issuer.test");
  static final String SECRET = "connection string with password hunter2";

  @DynamicPropertySource
  static void publicKey(DynamicPropertyRegistry registry) {
    registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
  }

  /**
   * Filters that fail before Spring Security and MVC run, and the application's security chain as the docs
   * recommend it: the container's error dispatch is permitted, so the failure's own status reaches the client
   * (else Spring Security answers the error dispatch of an anonymous request with 401).
   */
  @TestConfiguration
  static class FailingFilters {
    @Bean
    SecurityFilterChain application(HttpSecurity http) throws Exception {
      return http
          .authorizeHttpRequests(auth -> auth
              .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
              .anyRequest().authenticated())
          .oauth2ResourceServer(server -> server.jwt(Customizer.withDefaults()))
          .build();
    }

    @Bean
    FilterRegistrationBean<Filter> failingFilter() {
      FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
        String path = ((HttpServletRequest) request).getRequestURI();
        if (path.equals("/filter-throws")) {
          throw new IllegalStateException(SECRET);
        } else if (path.equals("/filter-sends-error")) {
          ((HttpServletResponse) response).sendError(429, SECRET);
        } else {
          chain.doFilter(request, response);
        }
      });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      Spring Security's firewall | //sales                | 400
      Spring Security's firewall | /sales;jsessionid=x    | 400
      Spring Security's firewall | /sales/%2e%2e/x        | 400
      Spring Security's firewall | /sales%0d%0aSet-Cookie | 400
      Spring Security's firewall | /sales/%2f..           | 400
      Tomcat, before any filter  | /sales/a%00b           | 400
      Tomcat, before any filter  | /%ZZ                   | 400
      Tomcat, before any filter  | /sales/../../etc       | 400
      a filter's exception       | /filter-throws         | 500
      a filter's sendError       | /filter-sends-error    | 429
      """)
  void answeredOutsideMvc_stillAProblem(String where, String path, int status) throws Exception {
    Answer answer = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertProblem(answer, status);
  }

  @ParameterizedTest(name = "request line {0}")
  @CsvSource(delimiter = '|', textBlock = """
      GET /sales HTTP/1.1\\r\\nHost: a b\\r\\n
      GET /sa<les> HTTP/1.1\\r\\nHost: localhost\\r\\n
      """)
  void requestsTomcatCannotParse_stillAProblem(String head) throws Exception {
    Answer answer = raw(head.replace("\\r\\n", "\r\n") + "Connection: close\r\n\r\n");
    assertProblem(answer, 400);
  }

  @Test
  void aBrowser_keepsBootsHtmlErrorPage_withoutTheExceptionsMessage() throws Exception {
    Answer answer = raw("GET /filter-throws HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
        + "Connection: close\r\n\r\n");
    assertThat(answer.status).as(answer.text).isEqualTo(500);
    assertThat(answer.header("content-type")).as(answer.text).startsWith("text/html");
    assertThat(answer.body).contains("<html").doesNotContain(SECRET, "hunter2");
  }

  private static void assertProblem(Answer answer, int status) throws Exception {
    assertThat(answer.status).as(answer.text).isEqualTo(status);
    assertThat(answer.header("content-type")).as(answer.text).startsWith("application/problem+json");
    JsonNode problem = new JsonMapper().readTree(answer.body);
    assertThat(problem.path("type").asString()).isEqualTo("about:blank");
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asString()).isNotBlank();
    assertThat(problem.path("detail").asString()).isNotBlank();
    assertThat(answer.body).doesNotContain("timestamp", "<html", "Tomcat", "Exception", SECRET, "hunter2");
  }

  private Answer raw(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new Answer(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static final class Answer {
    final String text;
    final int status;
    final String head;
    final String body;

    Answer(String text) {
      this.text = text;
      int end = text.indexOf("\r\n\r\n");
      this.head = end < 0 ? text : text.substring(0, end);
      String rest = end < 0 ? "" : text.substring(end + 4);
      this.body = head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked") ? unchunk(rest) : rest;
      this.status = Integer.parseInt(text.substring(9, 12));
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return "";
    }

    private static String unchunk(String chunked) {
      StringBuilder body = new StringBuilder();
      int at = 0;
      while (at < chunked.length()) {
        int lineEnd = chunked.indexOf("\r\n", at);
        int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
        if (size == 0) {
          break;
        }
        body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
        at = lineEnd + 2 + size + 2;
      }
      return body.toString();
    }
  }
}
