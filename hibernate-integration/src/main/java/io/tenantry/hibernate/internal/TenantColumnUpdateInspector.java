package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantIsolationException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses SQL {@code UPDATE} statements that assign a tenant column. Entity updates never do (the
 * columns are mapped {@code updatable = false}); an HQL bulk update such as
 * {@code update PriceOverride set storeId = :other} would, because Hibernate does not apply
 * {@code updatable = false} to bulk updates. Native SQL through Hibernate is inspected the same way.
 * Chains to the application's own inspector, if any.
 */
final class TenantColumnUpdateInspector implements StatementInspector {

  private static final long serialVersionUID = 1L;

  private static final Pattern SET_CLAUSE = Pattern.compile(
      "^\\s*update\\s.*?\\bset\\b(.*?)(\\bwhere\\b.*)?$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern TENANT_ASSIGNMENT = Pattern.compile(
      "(^|[\\s,(])([a-z0-9_]+\\.)?\"?(company_id|store_id|register_id)\"?\\s*=", Pattern.CASE_INSENSITIVE);

  private final StatementInspector next;

  TenantColumnUpdateInspector(StatementInspector next) {
    this.next = next;
  }

  @Override
  public String inspect(String sql) {
    String inspected = next == null ? sql : next.inspect(sql);
    if (inspected != null && startsWithUpdate(inspected)) {
      Matcher set = SET_CLAUSE.matcher(inspected);
      if (set.matches()) {
        Matcher assignment = TENANT_ASSIGNMENT.matcher(set.group(1));
        if (assignment.find()) {
          throw new TenantIsolationException("An UPDATE that assigns the tenant column "
              + assignment.group(3).toLowerCase(Locale.ROOT) + " is refused: tenant columns never change. "
              + "Create the row again in the other store instead. Statement: " + inspected);
        }
      }
    }
    return inspected;
  }

  private static boolean startsWithUpdate(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return sql.regionMatches(true, i, "update", 0, 6);
  }
}
