package io.tenantry.benchmarks.pos;

import io.tenantry.core.TenantContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The statement Tenantry's row-level-security DataSource runs at the start of every transaction
 * (a copy of {@code RlsSettings.APPLY_SQL} and of how {@code RlsConnection#apply} fills it), for the
 * diagnostic variant that pays the same round trip without Tenantry.
 */
public final class RlsSettingsSql {

  public static final String APPLY_SQL = "select set_config('tenantry.company_id', ?, true),"
      + " set_config('tenantry.store_ids', ?, true), set_config('tenantry.all_stores', ?, true),"
      + " set_config('tenantry.register_id', ?, true)";

  private RlsSettingsSql() {}

  public static void apply(Connection c, TenantContext ctx) throws SQLException {
    String stores = "";
    String allStores = "off";
    if (ctx.storeId().isPresent()) {
      stores = ctx.storeId().get().toString();
    } else if (ctx.allStoresGranted()) {
      allStores = "on";
    } else {
      stores = ctx.grantedStoreIds().stream().map(UUID::toString).collect(Collectors.joining(","));
    }
    try (PreparedStatement ps = c.prepareStatement(APPLY_SQL)) {
      ps.setString(1, ctx.companyId().toString());
      ps.setString(2, stores);
      ps.setString(3, allStores);
      ps.setString(4, ctx.registerId().map(UUID::toString).orElse(""));
      ps.execute();
    }
  }
}
