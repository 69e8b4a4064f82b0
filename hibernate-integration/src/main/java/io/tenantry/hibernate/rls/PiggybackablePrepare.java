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
 *
 * <p>One round trip needs the driver's consent. Before it sends a second statement without reading
 * the first one's answer, the PostgreSQL JDBC driver (42.7) adds up the largest answers they can
 * give, and reads the first answer first when it cannot bound one (its guard against both sides
 * blocking on full buffers). It can bound a statement's answer unless it has described the statement
 * — which it does for a server-prepared statement (from the sixth execution) with a parameter whose
 * type it leaves to the server, such as {@code setTimestamp}'s — and the statement returns a column
 * of unbounded size ({@code text}, {@code varchar} or {@code numeric} without length or precision,
 * {@code sum(numeric)}). Such a statement takes two round trips, like a statement without a twin;
 * {@code SettingsRoundTripTest} pins both cases.
 */
@FunctionalInterface
interface PiggybackablePrepare {

  /** Parameters that {@link RlsSettings#APPLY_SQL} adds in front of the statement's own. */
  int SHIFT = 4;

  /** A new statement: the settings, then the original SQL, prepared the same way. */
  PreparedStatement prepareWithSettings() throws SQLException;

  /**
   * The statement's SQL with the settings in front of it: the same string for the same text, so the
   * driver's statement cache finds it without hashing and comparing a new copy each time.
   */
  static String withSettings(String sql) {
    return RlsSettings.WITH_SETTINGS.get(sql, s -> RlsSettings.APPLY_SQL + ";\n" + s);
  }
}
