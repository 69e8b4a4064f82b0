package io.tenantry.hibernate.rls;

import java.sql.Array;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * What every wrapper shares: objects handed out that lead back to the database are wrapped (so
 * {@code getStatement().getConnection()} and friends stay behind the wall), and the wrappers the
 * caller hands back are unwrapped before they reach the driver. The generated pass-through classes
 * ({@code *Proxy}) call these.
 */
interface Wrapping {

  /** The connection whose wall this object is behind. */
  RlsConnection rls();

  /** The statement that result sets produced here answer {@code getStatement()} with; {@code null}: the driver's, wrapped. */
  Statement resultOwner();

  default ResultSet wrap(ResultSet rs) {
    return rls().wrapResultSet(rs, resultOwner());
  }

  default Array wrap(Array array) {
    return rls().wrapArray(array);
  }

  default DatabaseMetaData wrap(DatabaseMetaData metaData) {
    return rls().wrapMetaData(metaData);
  }

  default Object wrap(Object value) {
    return rls().wrapObject(value, resultOwner());
  }

  default Array raw(Array array) {
    return array instanceof RlsArray ? ((RlsArray) array).target : array;
  }

  default Object raw(Object value) {
    return value instanceof RlsArray ? ((RlsArray) value).target : value;
  }
}
