package io.tenantry.hibernate.rls;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How to prepare the same statement with the tenant settings in front of it, so that they travel in
 * the statement's own round trip: {@code select set_config(...); <the statement>}. PostgreSQL runs
 * both in one transaction (the explicit one, or the implicit one that ends at the protocol's Sync in
 * auto-commit mode), and the settings hold for the statement. Only for plain
 * {@code prepareStatement(sql[, type, concurrency[, holdability]])}: statements that ask for
 * generated keys, callable statements and batches take the separate round trip instead.
 */
@FunctionalInterface
interface PiggybackablePrepare {

  /** Parameters that {@link RlsSettings#APPLY_SQL} adds in front of the statement's own. */
  int SHIFT = 4;

  /** A new statement: the settings, then the original SQL, prepared the same way. */
  PreparedStatement prepareWithSettings() throws SQLException;

  /** The statement's SQL with the settings in front of it. */
  static String withSettings(String sql) {
    return RlsSettings.APPLY_SQL + ";\n" + sql;
  }
}
