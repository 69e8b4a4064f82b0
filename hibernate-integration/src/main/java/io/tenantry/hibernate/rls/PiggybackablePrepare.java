package io.tenantry.hibernate.rls;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.PreparedStatement;

/**
 * How to prepare the same statement with the tenant settings in front of it, so that they travel in
 * the statement's own round trip: {@code select set_config(...); <the statement>}. PostgreSQL runs
 * both in one transaction (the explicit one, or the implicit one that ends at the protocol's Sync in
 * auto-commit mode), and the settings hold for the statement. Only for plain
 * {@code prepareStatement(sql[, type, concurrency[, holdability]])}: statements that ask for
 * generated keys, callable statements and batches take the separate round trip instead.
 */
final class PiggybackablePrepare {

  /** Parameters that {@link RlsSettings#APPLY_SQL} adds in front of the statement's own. */
  static final int SHIFT = 4;

  private final Connection target;
  private final Method prepare;
  private final Object[] args;

  private PiggybackablePrepare(Connection target, Method prepare, Object[] args) {
    this.target = target;
    this.prepare = prepare;
    this.args = args;
  }

  static PiggybackablePrepare of(Connection target, Method prepare, Object[] args) {
    if (prepare == null || args == null || !(args[0] instanceof String)) {
      return null;
    }
    boolean plain = args.length == 1 || (args.length >= 3 && args[1] instanceof Integer && args[2] instanceof Integer);
    return plain ? new PiggybackablePrepare(target, prepare, args) : null;
  }

  /** A new statement: the settings, then the original SQL, prepared the same way. */
  PreparedStatement prepareWithSettings() throws Throwable {
    Object[] combined = args.clone();
    combined[0] = RlsSettings.APPLY_SQL + ";\n" + args[0];
    return (PreparedStatement) RlsConnection.call(target, prepare, combined);
  }
}
