package io.tenantry.examples.register.server;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently to retry: up to {@code maxAttempts} tries, waiting
 * {@code initialDelay × 2^(n-1)} (capped at {@code maxDelay}) before try n+1, half of it random so
 * that registers cut off together do not come back in lock-step.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay, were " + initialDelay + ", " + maxDelay);
    }
  }

  /** The wait before the try after failed try number {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, maxDelay.toMillis());
    long half = capped / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }
}
