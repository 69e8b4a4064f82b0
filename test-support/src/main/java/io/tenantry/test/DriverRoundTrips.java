package io.tenantry.test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Counts the network round trips the PostgreSQL JDBC driver (pgjdbc 42.x) makes: the protocol Syncs
 * it sends, read from its own {@code java.util.logging} log, which is switched to FINEST only while
 * the work runs. A statement does not always take one round trip, nor does a statement sent in front
 * of another always share its round trip; this shows what the driver really did. It counts every
 * connection of the JVM, so run the work alone.
 */
public final class DriverRoundTrips {

  private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
  private static final String SYNC = " FE=> Sync";

  private DriverRoundTrips() {}

  /** Work that may throw. */
  @FunctionalInterface
  public interface Work<E extends Exception> {
    void run() throws E;
  }

  /** Runs {@code work} and returns the Syncs the driver sent meanwhile: one per round trip. */
  public static synchronized <E extends Exception> int count(Work<E> work) throws E {
    AtomicInteger syncs = new AtomicInteger();
    Handler counter = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (SYNC.equals(r.getMessage())) {
          syncs.incrementAndGet();
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    counter.setLevel(Level.ALL);
    Level level = DRIVER.getLevel();
    boolean parents = DRIVER.getUseParentHandlers();
    DRIVER.addHandler(counter);
    DRIVER.setUseParentHandlers(false);
    DRIVER.setLevel(Level.FINEST);
    try {
      work.run();
    } finally {
      DRIVER.setLevel(level);
      DRIVER.setUseParentHandlers(parents);
      DRIVER.removeHandler(counter);
    }
    return syncs.get();
  }
}
