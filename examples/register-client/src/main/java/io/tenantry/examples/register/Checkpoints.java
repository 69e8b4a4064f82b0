package io.tenantry.examples.register;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Named points of a push and a sync that an {@link Observer} on the class path may watch, found through
 * {@link ServiceLoader}; there is none in normal use, when {@link #reached} does nothing.
 *
 * <ul>
 *   <li>{@code push-after-response:N}: the server answered the N-th sale of a push, and the local journal
 *       has not recorded it yet (the sale is on the server but pending here);
 *   <li>{@code sync-before-commit}: inside the sync transaction, after every change was written.
 * </ul>
 */
final class Checkpoints {

  /** Watches the checkpoints; registered in {@code META-INF/services}. */
  public interface Observer {
    void reached(String checkpoint);
  }

  private static final List<Observer> OBSERVERS =
      ServiceLoader.load(Observer.class).stream().map(ServiceLoader.Provider::get).toList();

  private Checkpoints() {}

  static void reached(String checkpoint) {
    for (Observer observer : OBSERVERS) {
      observer.reached(checkpoint);
    }
  }
}
