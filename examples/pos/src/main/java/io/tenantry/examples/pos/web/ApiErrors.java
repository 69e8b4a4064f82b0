package io.tenantry.examples.pos.web;

import io.tenantry.clusters.CompanyMovingException;
import io.tenantry.clusters.CompanyNotPlacedException;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;

/**
 * RFC 9457 answers for this application's errors. Tenantry's own exceptions (another tenant's row:
 * 404) are answered by the starter's {@code TenantryExceptionHandler}, which runs first.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 2000) // after Tenantry's handler, before Spring Boot's problem-details handler
class ApiErrors {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** The {@code Retry-After} of a 503. */
  static final int RETRY_AFTER_SECONDS = 1;

  /** The longest detail answered, in characters. */
  static final int MAX_DETAIL = 300;

  /**
   * The problem a service or controller raised; but a 4xx after a transaction of this request failed
   * in the database ({@link RequestFaults}) is answered 503: the conclusion ("not found") may come from
   * a lookup that the failure emptied, and a register would drop a sale it was told is bad.
   */
  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> problem(ApiProblem e, HttpServletRequest request) {
    if (e.status().is4xxClientError() && RequestFaults.transactionFailed(request)) {
      LOG.warn("A transaction of {} {} failed in the database before it answered {}; answered 503 instead",
          request.getMethod(), request.getRequestURI(), e.status().value());
      return unavailable();
    }
    return answer(e.status(), e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof StreamReadException) {
      return answer(HttpStatus.BAD_REQUEST, "The body is not valid JSON: " + ((JacksonException) cause).getOriginalMessage());
    }
    if (cause instanceof JacksonException json) {
      String path = json.getPath().stream()
          .map(r -> r.getPropertyName() != null ? "." + r.getPropertyName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      String reason = json.getOriginalMessage();
      int cut = reason.indexOf(" at [Source");
      reason = cut > 0 ? reason.substring(0, cut) : reason;
      return answer(HttpStatus.BAD_REQUEST, (path.isEmpty() ? "The body" : "Field '" + path + "'")
          + " has the wrong type or format: " + firstLine(reason));
    }
    return answer(HttpStatus.BAD_REQUEST, "The body is missing or not readable JSON.");
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
    String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
    String hint = "UUID".equals(expected) ? "a UUID such as 3f2b8c4e-1d2a-4c5b-9e8f-0a1b2c3d4e5f"
        : "LocalDate".equals(expected) ? "a date such as 2025-01-31" : "a " + expected;
    return answer(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' must be " + hint + ".");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
    return answer(HttpStatus.BAD_REQUEST, "The query parameter '" + e.getParameterName() + "' is required.");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
  }

  /**
   * A constraint refused the write (a duplicate that a concurrent request inserted first). The
   * database's message is not repeated: it could echo values (THREATS 16).
   */
  @ExceptionHandler({DataIntegrityViolationException.class, ConstraintViolationException.class})
  ResponseEntity<ProblemDetail> integrity(RuntimeException e) {
    if (dataException(e)) {
      return unstorable(e);
    }
    LOG.info("Write refused by a database constraint: {}", e.getMessage());
    return answer(HttpStatus.CONFLICT, "The request conflicts with existing data (a duplicate?); nothing was written.");
  }

  /**
   * A data-access failure (Spring's translation, or Hibernate's own exception where a transaction
   * template ran the work: those are not translated). A value the database cannot store is a 400
   * ({@link #unstorable}). The database dropped the connection, is restarting (THREATS 26) or cancelled
   * the statement, or the company is being moved to another cluster ({@code CompanyMovingException}, a transient
   * connection failure): 503 with Retry-After, so that a register retries rather than taking the sale for bad.
   * A company that no cluster holds ({@code CompanyNotPlacedException}) is a 500 that says so. Whether the
   * transaction committed before
   * the connection broke cannot be known here; a sale sent again with its clientSaleId is recorded
   * once either way. Any other data-access failure is a bug: 500, logged.
   */
  @ExceptionHandler({DataAccessException.class, TransactionException.class, PersistenceException.class})
  ResponseEntity<ProblemDetail> database(RuntimeException e) {
    if (dataException(e)) {
      return unstorable(e);
    }
    CompanyNotPlacedException unplaced = cause(e, CompanyNotPlacedException.class);
    if (unplaced != null) {
      // a company the company directory does not know: no retry helps, the operator must place it
      LOG.error("A request of company {} was refused: {}", unplaced.companyId(), unplaced.getMessage());
      return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Your company's data is not reachable: the server does not know"
          + " which database holds it. Nothing was read or written; contact the operator.");
    }
    if (!connectionFailure(e)) {
      LOG.error("Data access failed", e);
      return answer(HttpStatus.INTERNAL_SERVER_ERROR, "The request failed on the server.");
    }
    CompanyMovingException moving = cause(e, CompanyMovingException.class);
    if (moving != null) {
      // a planned move, not a fault: the company's connections are refused while it copies
      LOG.info("Company {} is being moved to another cluster; answered 503, retry after {} s", moving.companyId(),
          RETRY_AFTER_SECONDS);
    } else {
      LOG.warn("The database connection failed during the request; answered 503: {}", e.toString());
    }
    return unavailable();
  }

  private static ResponseEntity<ProblemDetail> unavailable() {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
        .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "The database did not complete the request; retry it. A sale"
            + " sent again with the same clientSaleId is recorded once."));
  }

  /**
   * The database refused a value of the request as data (SQLSTATE class 22: a NUL character in a text,
   * a date or number out of its range): bad input that no retry will store, so 400, not a 500. The
   * database's message is not repeated: it could echo the value.
   */
  private static ResponseEntity<ProblemDetail> unstorable(RuntimeException e) {
    LOG.info("The database refused a value of the request: {}", sqlState(e));
    return answer(HttpStatus.BAD_REQUEST, "The request holds a value the database cannot store (a NUL character, or"
        + " a date or number out of range); nothing was written.");
  }

  private static boolean dataException(Throwable e) {
    String state = sqlState(e);
    return state != null && state.startsWith("22");
  }

  /** The first cause of the type, or null. */
  private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) { // bounded: causes can form a cycle
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  /** The SQLSTATE of the first SQLException among the causes, or null. */
  private static String sqlState(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) { // bounded: causes can form a cycle
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /**
   * SQLSTATEs of failures that say nothing about the request and pass when it is sent again: class 08
   * (connection), 57P (a terminated backend, a shutdown), 57014 (the statement was cancelled), 40 (a
   * serialization failure or deadlock: the transaction was rolled back) and 55P03 (a lock not granted).
   */
  private static final List<String> TRANSIENT = List.of("08", "57P", "57014", "40", "55P03");

  /**
   * Whether a cause is a broken or refused connection or another transient failure ({@link #TRANSIENT}),
   * or HikariCP's "Connection is closed" (no SQLSTATE) for a connection it evicted.
   */
  private static boolean connectionFailure(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 32; t = t.getCause(), depth++) { // bounded: causes can form a cycle
      if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && (sql.getSQLState() == null
          ? "Connection is closed".equals(sql.getMessage())
          : TRANSIENT.stream().anyMatch(sql.getSQLState()::startsWith))) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static ResponseEntity<ProblemDetail> answer(HttpStatus status, String detail) {
    return ResponseEntity.status(status).body(problem(status, detail));
  }

  /** Details are short sentences; one that quotes input is cut, so an answer never grows with the request. */
  static ProblemDetail problem(HttpStatus status, String detail) {
    String text = detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "…";
    return ProblemDetail.forStatusAndDetail(status, text);
  }
}
