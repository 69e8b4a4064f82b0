package io.tenantry.spring.task;

import io.tenantry.core.TenantPropagation;
import org.springframework.core.task.TaskDecorator;

/**
 * Runs each task with the binding of the thread that submitted it (a tenant, system access, or
 * nothing) and restores the worker's previous binding afterwards, through
 * {@link TenantPropagation#runnable(Runnable)}. A pooled worker never keeps a tenant after a task.
 *
 * <p>Spring Boot applies every {@code TaskDecorator} bean to the executors and schedulers it builds
 * (combining several into one), so this decorator works next to the application's own.
 */
public final class TenantTaskDecorator implements TaskDecorator {

  @Override
  public Runnable decorate(Runnable runnable) {
    return TenantPropagation.runnable(runnable);
  }
}
