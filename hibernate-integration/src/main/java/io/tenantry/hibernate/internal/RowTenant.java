package io.tenantry.hibernate.internal;

import java.util.UUID;

/** The tenant columns of one row: company, store and register ({@code null} where the row has none). */
record RowTenant(UUID company, UUID store, UUID register) {

  @Override
  public String toString() {
    return "[" + company + ", " + store + ", " + register + "]";
  }
}
