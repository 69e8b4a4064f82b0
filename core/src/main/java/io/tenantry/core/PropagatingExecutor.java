package io.tenantry.core;

import java.util.concurrent.Executor;

/** Executor decorator behind {@link TenantPropagation#executor(Executor)}. */
final class PropagatingExecutor implements Executor {

  private final Executor delegate;

  PropagatingExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(TenantPropagation.runnable(command));
  }

  @Override
  public String toString() {
    return "TenantPropagating[" + delegate + "]";
  }
}
