package io.tenantry.hibernate.rls;

import java.sql.CallableStatement;

/**
 * A callable statement: executes with the settings applied by a separate round trip
 * ({@link RlsConnection#execute}), as any statement without a twin. Everything else is generated
 * ({@code RlsCallableStatementProxy}); a value read back that leads to the database (a
 * {@code refcursor} result set, an array) is wrapped there.
 */
abstract class RlsCallableStatement extends RlsPreparedStatement implements CallableStatement {

  final CallableStatement callable;

  RlsCallableStatement(CallableStatement target, RlsConnection connection, boolean control) {
    super(target, connection, null, control);
    this.callable = target;
  }

  RlsCallableStatement(CallableStatement target, RlsConnection connection) {
    this(target, connection, false);
  }
}
