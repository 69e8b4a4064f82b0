package io.tenantry.spring.web;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.hibernate.CompanyDeactivatedException;
import jakarta.persistence.EntityNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers Tenantry's exceptions in Spring MVC with RFC 9457 problem details. Spring matches the
 * handlers against the causes of an exception too, so the mapping also applies when a repository,
 * a transaction commit or a {@code CompletableFuture} wraps the exception.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>exception</th><th>status</th><th>why</th></tr>
 *   <tr><td>{@link TenantIsolationException}</td><td>404</td><td>another tenant's resource must look
 *       exactly like a missing one: no detail, nothing that says it exists</td></tr>
 *   <tr><td>{@link TenantScopeRequiredException}</td><td>400</td><td>the work needs a selected store
 *       ({@code X-Store-Id}) or a register ({@code X-Register-Key}); the detail says which</td></tr>
 *   <tr><td>{@link EntityNotFoundException}</td><td>404</td><td>{@code getReference} or a lazy load of
 *       another tenant's id finds nothing, the same as an unknown id</td></tr>
 *   <tr><td>{@link CompanyDeactivatedException}</td><td>403</td><td>the company is deactivated (the
 *       application checked {@code CompanyStatus.requireActive}, e.g. at its login)</td></tr>
 *   <tr><td>{@link NoTenantBoundException}, request without a tenant</td><td>401</td><td>the caller
 *       did not authenticate as a tenant (no or anonymous credentials)</td></tr>
 *   <tr><td>{@link NoTenantBoundException}, request with a tenant</td><td>500</td><td>a bug: the work
 *       ran where the request's tenant did not reach (a thread without propagation); logged at ERROR</td></tr>
 * </table>
 *
 * The 404 body is what Spring renders for {@code new ResponseStatusException(HttpStatus.NOT_FOUND)}
 * with problem details on, so an application that answers an empty {@code findById} that way gives
 * the same response for "does not exist" and "belongs to someone else". Ordered early so that a
 * catch-all handler of the application does not turn an isolation refusal into a 500; define a bean
 * of this type to replace it.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1000)
public class TenantryExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(TenantryExceptionHandler.class);

  /** Another tenant's resource: 404, with nothing that reveals it exists. */
  @ExceptionHandler(TenantIsolationException.class)
  public ResponseEntity<ProblemDetail> isolation(TenantIsolationException e, HttpServletRequest request) {
    LOG.warn("Tenant isolation refused {} {}; answered 404: {}", request.getMethod(), request.getRequestURI(),
        e.getMessage());
    return notFound();
  }

  /**
   * The work needs a selected store or a register that the request did not give: 400, saying which.
   * Nothing about other tenants is in the answer (the library's message, which names Java calls, is
   * only logged).
   */
  @ExceptionHandler(TenantScopeRequiredException.class)
  public ResponseEntity<ProblemDetail> scopeRequired(TenantScopeRequiredException e, HttpServletRequest request) {
    LOG.debug("{} {} needs a narrower tenant scope; answered 400: {}", request.getMethod(), request.getRequestURI(),
        e.getMessage());
    String detail = e.required() == TenantScopeRequiredException.Scope.STORE
        ? "This operation works on one store: select it with the X-Store-Id header (one of your stores)."
        : "This operation is a register's: call it with the register's X-Register-Key.";
    return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
  }

  /** A deactivated company: 403, saying so. */
  @ExceptionHandler(CompanyDeactivatedException.class)
  public ResponseEntity<ProblemDetail> companyDeactivated(CompanyDeactivatedException e, HttpServletRequest request) {
    LOG.debug("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, TenantFilter.DEACTIVATED));
  }

  /** An entity reference that resolves to nothing in the bound tenant: 404. */
  @ExceptionHandler(EntityNotFoundException.class)
  public ResponseEntity<ProblemDetail> entityNotFound(EntityNotFoundException e, HttpServletRequest request) {
    LOG.debug("No such entity in the bound tenant for {} {}: {}", request.getMethod(), request.getRequestURI(),
        e.getMessage());
    return notFound();
  }

  /** Tenant data touched without a tenant: 401 when the request had none, 500 when it was lost on the way. */
  @ExceptionHandler(NoTenantBoundException.class)
  public ResponseEntity<ProblemDetail> noTenant(NoTenantBoundException e, HttpServletRequest request) {
    if (request.getAttribute(TenantFilter.CONTEXT_ATTRIBUTE) != null) {
      LOG.error("{} {} lost its tenant: tenant data was touched where the request's tenant was not bound",
          request.getMethod(), request.getRequestURI(), e);
      return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
          .body(ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR));
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
        "This resource belongs to a tenant: authenticate with a bearer token or a register key.");
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer").body(problem);
  }

  private static ResponseEntity<ProblemDetail> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatus(HttpStatus.NOT_FOUND));
  }
}
