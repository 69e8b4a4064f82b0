package io.tenantry.spring.actuate;

import java.util.Optional;

/**
 * Where the {@code tenantry} endpoint gets the latest isolation audit result. No implementation ships
 * yet: the isolation audit (policies, FORCE, roles, constraints; see the design's row-level security
 * section) provides one, and the endpoint then shows its result instead of "unavailable".
 */
@FunctionalInterface
public interface IsolationAuditResults {

  /**
   * The latest result, as the endpoint should render it (a value Jackson can serialize), or empty
   * when no audit has run yet.
   */
  Optional<Object> latest();
}
