package io.tenantry.core;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Scheduled executor decorator behind
 * {@link TenantPropagation#scheduledExecutorService(ScheduledExecutorService)}; a periodic task
 * binds its captured tenant on every run.
 */
final class PropagatingScheduledExecutorService extends PropagatingExecutorService
    implements ScheduledExecutorService {

  private final ScheduledExecutorService delegate;

  PropagatingScheduledExecutorService(ScheduledExecutorService delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return delegate.schedule(TenantPropagation.runnable(command), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return delegate.schedule(TenantPropagation.callable(callable), delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
      TimeUnit unit) {
    return delegate.scheduleAtFixedRate(TenantPropagation.runnable(command), initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
      TimeUnit unit) {
    return delegate.scheduleWithFixedDelay(TenantPropagation.runnable(command), initialDelay, delay, unit);
  }
}
