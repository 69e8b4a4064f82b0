package io.tenantry.examples.pos.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.clusters.CompanyMovingException;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/** What the error handler logs for a request the database could not serve: a company's move is not a fault. */
class ApiErrorsLogTest {

  @Test
  void aCompanyBeingMoved_isAnswered503AndLoggedAsAMove() {
    UUID company = UUID.randomUUID();
    List<ILoggingEvent> logged = logOf(new CannotCreateTransactionException("Could not open JPA EntityManager",
        new PersistenceException(new CompanyMovingException(company, "home"))));
    assertThat(logged).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.INFO);
      assertThat(e.getFormattedMessage()).isEqualTo("Company " + company
          + " is being moved to another cluster; answered 503, retry after 1 s");
    });
  }

  @Test
  void aFailedConnection_isAnswered503AndLoggedAsOne() {
    List<ILoggingEvent> logged = logOf(new CannotCreateTransactionException("Could not open JPA EntityManager",
        new PersistenceException(new SQLException("terminating connection", "57P01"))));
    assertThat(logged).singleElement().satisfies(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).startsWith("The database connection failed during the request");
    });
  }

  private static List<ILoggingEvent> logOf(RuntimeException failure) {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);
    logger.addAppender(appender);
    ResponseEntity<ProblemDetail> answer;
    try {
      answer = new ApiErrors().database(failure);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    return appender.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).toList();
  }
}
