package io.tenantry.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.clusters.CompanyMovingException;
import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.spring.registerkey.IssuedRegisterKey;
import io.tenantry.spring.registerkey.RegisterIdentity;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The filter as a plain servlet filter: register keys only, context always cleared. */
class TenantFilterWithoutSecurityTest {

  private static final RegisterIdentity REGISTER = new RegisterIdentity(UUID.randomUUID(), UUID.randomUUID(),
      UUID.randomUUID(), UUID.randomUUID());
  private static final String KEY = "trk_" + "k".repeat(43);

  private final RegisterKeys keys = resolvingWith(
      presentedKey -> KEY.equals(presentedKey) ? Optional.of(REGISTER) : Optional.empty());

  /** Register keys that only resolve, as {@code resolve} answers. */
  private static RegisterKeys resolvingWith(Function<String, Optional<RegisterIdentity>> resolve) {
    return new RegisterKeys() {
      @Override
      public IssuedRegisterKey issue(UUID registerId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public boolean revoke(UUID keyId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<RegisterIdentity> resolve(String presentedKey) {
        return resolve.apply(presentedKey);
      }
    };
  }

  private final TenantFilter filter = new TenantFilter(CallerAuthentication.NONE, keys, noCompanyDeactivated(),
      true, new TenantResponseHeaders());

  /** A persistence unit in which the company status query finds no deactivated company (CompanyStatus). */
  private static EntityManagerFactory noCompanyDeactivated() {
    EntityManagerFactory emf = mock(EntityManagerFactory.class);
    SessionFactory sf = mock(SessionFactory.class);
    when(emf.unwrap(SessionFactory.class)).thenReturn(sf);
    when(sf.fromTransaction(any())).thenReturn(List.of());
    return emf;
  }

  @Test
  void aValidKeyBindsItsRegisterForTheChainOnly() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sales");
    request.addHeader(TenantHeaders.REGISTER_KEY, KEY);
    MockHttpServletResponse response = new MockHttpServletResponse();
    AtomicReference<TenantContext> seen = new AtomicReference<>();
    AtomicReference<String> mdc = new AtomicReference<>();
    filter.doFilter(request, response, new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        seen.set(Tenancy.current());
        mdc.set(MDC.get("tenant.register"));
      }
    });
    assertThat(seen.get()).isEqualTo(REGISTER.toContext());
    assertThat(mdc.get()).isEqualTo(REGISTER.registerId().toString());
    assertThat(response.getHeader("Cache-Control")).isEqualTo("private");
    assertThat(Tenancy.find()).isEmpty();
    assertThat(MDC.get("tenant.register")).isNull();
  }

  @Test
  void theContextIsClearedWhenTheChainThrows() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sales");
    request.addHeader(TenantHeaders.REGISTER_KEY, KEY);
    assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        throw new IllegalStateException("boom");
      }
    })).hasMessage("boom");
    assertThat(Tenancy.find()).isEmpty();
    assertThat(MDC.get("tenant.company")).isNull();
  }

  @Test
  void anUnknownKeyGets401ProblemDetailsAndNeverReachesTheChain() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sales");
    request.addHeader(TenantHeaders.REGISTER_KEY, "trk_" + "x".repeat(43));
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(response.getContentAsString()).contains("\"status\":401").contains("\"instance\":\"/sales\"");
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void aRequestWithoutCredentialsPassesWithNoTenant() throws Exception {
    AtomicReference<Boolean> bound = new AtomicReference<>();
    filter.doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(), new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        bound.set(Tenancy.isBound());
      }
    });
    assertThat(bound.get()).isFalse();
  }

  @Test
  void aRegisterCannotSelectAnotherStore() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sales");
    request.addHeader(TenantHeaders.REGISTER_KEY, KEY);
    request.addHeader(TenantHeaders.STORE_ID, UUID.randomUUID().toString());
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(403);
  }

  @Test
  void aCompanyBeingMovedIsAnswered503AndLoggedAsAMove_notAsAFailedConnection() throws Exception {
    UUID company = UUID.randomUUID();
    List<ILoggingEvent> logged = logOfARegisterKeyLookupThatThrows(
        new PersistenceException("could not open a connection", new CompanyMovingException(company, "home")));
    assertThat(logged).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getFormattedMessage()).isEqualTo("Could not identify the caller of GET /sales: company " + company
          + " is being moved to another cluster; answered 503, retry after 1 s")
          .doesNotContain("connection failed");
    });
  }

  @Test
  void aFailedConnectionIsAnswered503AndLoggedAsOne() throws Exception {
    List<ILoggingEvent> logged = logOfARegisterKeyLookupThatThrows(
        new PersistenceException("could not open a connection", new SQLException("terminating connection", "57P01")));
    assertThat(logged).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).startsWith("Could not identify the caller of GET /sales: the database "
          + "connection failed (jakarta.persistence.PersistenceException: could not open a connection)");
    });
  }

  /** A register key whose lookup throws {@code failure}: the 503 it gets, and what the filter logged. */
  private static List<ILoggingEvent> logOfARegisterKeyLookupThatThrows(RuntimeException failure) throws Exception {
    TenantFilter failingFilter = new TenantFilter(CallerAuthentication.NONE, resolvingWith(presentedKey -> {
      throw failure;
    }), noCompanyDeactivated(), true, new TenantResponseHeaders());
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/sales");
    request.addHeader(TenantHeaders.REGISTER_KEY, KEY);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(TenantFilter.class);
    logger.addAppender(appender);
    try {
      failingFilter.doFilter(request, response, chain);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).isEqualTo("1");
    assertThat(chain.getRequest()).isNull();
    return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
  }
}
