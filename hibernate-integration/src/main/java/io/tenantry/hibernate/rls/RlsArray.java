package io.tenantry.hibernate.rls;

import java.sql.Array;
import java.sql.Statement;

/**
 * An SQL array whose result sets lead back only to wrappers (the driver builds them on a statement
 * of the unwrapped connection). Unwrapped again when passed back to the driver ({@link Wrapping#raw}).
 */
abstract class RlsArray implements Array, Wrapping {

  final Array target;
  final RlsConnection connection;

  RlsArray(Array target, RlsConnection connection) {
    this.target = target;
    this.connection = connection;
  }

  @Override
  public RlsConnection rls() {
    return connection;
  }

  @Override
  public Statement resultOwner() {
    return null;
  }

  /** The driver's text form, which drivers also use to bind an array they did not create. */
  @Override
  public String toString() {
    return target.toString();
  }
}
