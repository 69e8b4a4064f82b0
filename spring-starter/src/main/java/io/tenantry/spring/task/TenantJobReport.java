package io.tenantry.spring.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome of {@link TenantJobs#forEachCompany}: which companies succeeded and which failed, with
 * their exceptions.
 *
 * @param jobName the job's name
 * @param succeeded companies whose run completed, in run order
 * @param failed companies whose run threw, in run order, with the exception
 */
public record TenantJobReport(String jobName, List<UUID> succeeded, Map<UUID, RuntimeException> failed) {

  /** Copies the collections. */
  public TenantJobReport {
    succeeded = List.copyOf(succeeded);
    failed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failed));
  }

  /** Whether every company's run completed. */
  public boolean allSucceeded() {
    return failed.isEmpty();
  }

  /**
   * Throws when any company failed, so a scheduler sees the job as failed; the exceptions of the
   * failed companies are attached as suppressed exceptions.
   */
  public void throwIfFailed() {
    if (failed.isEmpty()) {
      return;
    }
    IllegalStateException e = new IllegalStateException("Job '" + jobName + "' failed for " + failed.size()
        + " of " + (failed.size() + succeeded.size()) + " companies: " + failed.keySet());
    failed.values().forEach(e::addSuppressed);
    throw e;
  }
}
