package io.tenantry.spring.web;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.hibernate.CompanyStatus;
import io.tenantry.spring.internal.ConnectionFailures;
import io.tenantry.spring.internal.IsolatedJpa;
import io.tenantry.spring.internal.Problems;
import io.tenantry.spring.registerkey.RegisterIdentity;
import io.tenantry.spring.registerkey.RegisterKeys;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds the caller's tenant for the rest of the request, and clears it afterwards whatever happens.
 *
 * <ol>
 *   <li>{@code X-Register-Key}: the key's register, store and company (401 when unknown or
 *       revoked; 400 when a bearer token is sent as well);</li>
 *   <li>otherwise the tenant of the principal authenticated in front of this filter, for example
 *       the claims of a JWT verified by Spring Security (401 when the claims are malformed);</li>
 *   <li>a deactivated company is refused, 403 with a detail saying so, for its tokens and its register keys
 *       alike (the key stays valid for the reactivation); {@link CompanyStatus} answers from a cache, so this is
 *       not a query per request, and a deactivation made in another JVM is seen within
 *       {@link CompanyStatus#CACHE_TIME};</li>
 *   <li>{@code X-Store-Id} then selects one store among the principal's grants (400 when it is not a
 *       UUID, 403 when the store is not granted);</li>
 *   <li>the rest of the chain runs inside {@link Tenancy#call}, so the binding (and the MDC keys
 *       {@code tenant.company}, {@code tenant.store}, {@code tenant.register}) ends with the request.</li>
 * </ol>
 *
 * A request without credentials passes through with no tenant: the application's security rules
 * answer it, and tenant data stays unreachable because nothing is bound. The bound context is also
 * kept in the request attribute {@link #CONTEXT_ATTRIBUTE} and bound again for asynchronous
 * dispatches of the same request.
 *
 * <p>With Spring Security the starter places this filter inside every security filter chain, after
 * authentication and before authorization; without it, as a servlet filter.
 */
public class TenantFilter extends OncePerRequestFilter {

  /** Request attribute holding the {@link TenantContext} bound for the request. */
  public static final String CONTEXT_ATTRIBUTE = TenantFilter.class.getName() + ".CONTEXT";

  private static final Logger LOG = LoggerFactory.getLogger(TenantFilter.class);
  private static final String REGISTER_CHALLENGE = "RegisterKey realm=\"tenantry\"";
  private static final String BEARER_CHALLENGE = "Bearer error=\"invalid_token\"";
  static final String DEACTIVATED = "The company is deactivated: its users cannot sign in and its data is not "
      + "served until it is reactivated.";

  private final CallerAuthentication callers;
  private final RegisterKeys registerKeys;
  private final StoreSelection storeSelection;
  private final EntityManagerFactory entityManagerFactory;
  private volatile CompanyStatus companyStatus;
  private final TenantResponseHeaders responseHeaders;

  /**
   * Creates the filter.
   *
   * @param callers what the authentication in front of the filter knows; {@link CallerAuthentication#NONE} if nothing
   * @param registerKeys resolves {@code X-Register-Key}; {@code null} refuses every register key
   * @param entityManagerFactory checks {@code X-Store-Id} against the company's stores for principals that see all,
   *     and whether the caller's company is deactivated ({@link CompanyStatus})
   * @param selectSingleStore whether a principal granted exactly one store has it selected by default
   * @param responseHeaders headers written before the chain runs; {@code null} when something else writes them
   */
  public TenantFilter(CallerAuthentication callers, RegisterKeys registerKeys,
      EntityManagerFactory entityManagerFactory, boolean selectSingleStore, TenantResponseHeaders responseHeaders) {
    this.callers = Objects.requireNonNull(callers, "callers");
    this.registerKeys = registerKeys;
    this.storeSelection = new StoreSelection(new CompanyStores(new IsolatedJpa(entityManagerFactory)),
        selectSingleStore);
    this.entityManagerFactory = entityManagerFactory;
    this.responseHeaders = responseHeaders;
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    // bind the request's tenant again while an async result is rendered
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    TenantContext context;
    if (isAsyncDispatch(request)) {
      context = (TenantContext) request.getAttribute(CONTEXT_ATTRIBUTE);
    } else {
      try {
        context = resolveOrUnavailable(request);
      } catch (Refusal refusal) {
        LOG.debug("Refused {} {}: {} {}", request.getMethod(), request.getRequestURI(), refusal.status(),
            refusal.getMessage());
        refusal.write(request, response);
        return;
      }
    }
    if (context == null) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(CONTEXT_ATTRIBUTE, context);
    if (responseHeaders != null) {
      responseHeaders.apply(request, response);
    }
    runBound(context, request, response, chain);
  }

  /**
   * {@link #resolve}, with a database that cannot be reached (register key lookup, store check)
   * answered 503 rather than an error page: the caller retries, and nothing about it was decided.
   */
  private TenantContext resolveOrUnavailable(HttpServletRequest request) throws Refusal {
    try {
      return resolve(request);
    } catch (RuntimeException e) {
      if (!ConnectionFailures.isConnectionFailure(e)) {
        throw e;
      }
      Optional<UUID> moving = ConnectionFailures.movingCompany(e);
      if (moving.isPresent()) {
        // a planned move (tenantry-clusters), not a fault: the company's connections are refused while it copies
        LOG.info("Could not identify the caller of {} {}: company {} is being moved to another cluster; answered 503,"
            + " retry after {} s", request.getMethod(), request.getRequestURI(), moving.get(),
            Problems.RETRY_AFTER_SECONDS);
      } else {
        LOG.warn("Could not identify the caller of {} {}: the database connection failed ({}); answered 503",
            request.getMethod(), request.getRequestURI(), e.toString());
      }
      throw Refusal.unavailable("The server could not reach its database to check your credentials; retry.");
    }
  }

  private TenantContext resolve(HttpServletRequest request) throws Refusal {
    TenantContext caller;
    String key = request.getHeader(TenantHeaders.REGISTER_KEY);
    if (key != null) {
      caller = registerCaller(request, key);
    } else {
      try {
        caller = callers.tenant(request).orElse(null);
      } catch (InvalidTenantClaimsException e) {
        LOG.debug("Refused the token's tenant claims: {}", e.getMessage());
        throw Refusal.unauthorized(BEARER_CHALLENGE,
            "The token's tenant claims are malformed, so the token is not accepted.");
      }
    }
    if (caller == null) {
      return null;
    }
    if (!companyStatus().isActive(caller.companyId())) {
      LOG.debug("Refused {} {}: company {} is deactivated", request.getMethod(), request.getRequestURI(),
          caller.companyId());
      // 403, not 401: the credential is valid and stays so (a register keeps its key for the reactivation), and
      // nothing in front of the filter should count it as an unknown key
      throw Refusal.forbidden(DEACTIVATED);
    }
    return storeSelection.apply(caller, request.getHeader(TenantHeaders.STORE_ID));
  }

  private TenantContext registerCaller(HttpServletRequest request, String key) throws Refusal {
    if (callers.isAuthenticated(request)) {
      throw Refusal.badRequest("Send either a bearer token or a register key (" + TenantHeaders.REGISTER_KEY
          + "), not both.");
    }
    Optional<RegisterIdentity> identity = registerKeys == null ? Optional.empty() : registerKeys.resolve(key);
    if (identity.isEmpty()) {
      throw Refusal.unauthorized(REGISTER_CHALLENGE, "The register key is not valid (unknown or revoked).");
    }
    callers.registerKeyAccepted(request, identity.get());
    return identity.get().toContext();
  }

  /** Looked up on first use, so that the filter can be created before the persistence unit is usable. */
  private CompanyStatus companyStatus() {
    CompanyStatus status = companyStatus;
    if (status == null) {
      status = CompanyStatus.of(entityManagerFactory);
      companyStatus = status;
    }
    return status;
  }

  private static void runBound(TenantContext context, HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    try {
      Tenancy.call(context, () -> {
        chain.doFilter(request, response);
        return null;
      });
    } catch (ServletException | IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ServletException(e);
    }
  }
}
