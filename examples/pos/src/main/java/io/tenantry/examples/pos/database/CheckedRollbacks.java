package io.tenantry.examples.pos.database;

import io.tenantry.examples.pos.web.RequestFaults;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.SQLException;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SessionImplementor;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The transaction manager, which looks at the database transaction before it rolls one back: when the
 * transaction had failed in the database (PostgreSQL's "aborted" state after an error) or its connection
 * is gone, the request is marked ({@link RequestFaults#transactionFailed()}), so that a 4xx the request
 * then answers becomes a 503 ({@code ApiErrors}).
 *
 * <p>Why (issue 22, item 7): once a statement failed, Hibernate's {@code find} in a transaction marked
 * rollback-only logs HHH90010102 and returns {@code null} instead of throwing. Code that answers "not
 * found" to a {@code null} would then send a 404 for what was a dropped connection, and a register treats
 * a 404 as "this sale is bad": it would park the sale and never send it again. A legitimate 4xx rolls
 * back a healthy transaction and is not affected. The check reads the driver's transaction state, no
 * round trip, and only on rollback.
 */
final class CheckedRollbacks extends JpaTransactionManager {

  private static final long serialVersionUID = 1L;

  CheckedRollbacks(EntityManagerFactory emf) {
    super(emf);
  }

  @Override
  protected void doRollback(DefaultTransactionStatus status) {
    if (failedInTheDatabase()) {
      RequestFaults.transactionFailed();
    }
    super.doRollback(status);
  }

  private boolean failedInTheDatabase() {
    EntityManagerFactory emf = getEntityManagerFactory();
    Object resource = emf == null ? null : TransactionSynchronizationManager.getResource(emf);
    if (!(resource instanceof EntityManagerHolder holder)) {
      return false;
    }
    try {
      JdbcCoordinator jdbc = holder.getEntityManager().unwrap(SessionImplementor.class).getJdbcCoordinator();
      if (!jdbc.getLogicalConnection().isPhysicallyConnected()) {
        return false; // nothing ran yet: nothing can have failed
      }
      Connection connection = jdbc.getLogicalConnection().getPhysicalConnection();
      if (connection.isClosed() || !connection.isWrapperFor(BaseConnection.class)) {
        return connection.isClosed();
      }
      BaseConnection driver = connection.unwrap(BaseConnection.class);
      return driver.isClosed() || driver.getTransactionState() == TransactionState.FAILED;
    } catch (SQLException | RuntimeException e) {
      return true; // a connection whose state cannot be read is not a healthy one
    }
  }
}
