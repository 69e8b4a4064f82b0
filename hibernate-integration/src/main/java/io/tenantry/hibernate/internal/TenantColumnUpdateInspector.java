package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantIsolationException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses SQL that assigns a tenant column in an {@code UPDATE ... SET} (or {@code ON CONFLICT DO UPDATE
 * SET}) clause, wherever the clause stands: first statement, inside a {@code WITH} (Hibernate's
 * multi-table bulk update of a JOINED hierarchy sends {@code with id_cte as (...) update t_payment set
 * store_id = ? ...}), or after one. Entity updates never assign them (the columns are mapped
 * {@code updatable = false}); an HQL or Criteria bulk update such as
 * {@code update PriceOverride set storeId = :other} would, because Hibernate does not apply
 * {@code updatable = false} to bulk updates. Native SQL through Hibernate is inspected the same way.
 * The column names are those of the mapping (every tenant column of every tenant-owned entity, as
 * {@code MutationScoping} collects them), never a fixed list. Chains to the application's own inspector, if any.
 */
final class TenantColumnUpdateInspector implements StatementInspector {

  private static final long serialVersionUID = 1L;

  /** {@code update <table> [[as] alias] set} or {@code do update set}. */
  private static final Pattern UPDATE_SET = Pattern.compile(
      "\\bupdate\\s+(?:(?:only\\s+)?(?:\"[^\"]+\"|[\\w.$]+)(?:\\s+(?!set\\b)(?:as\\s+)?\\w+)?\\s+)?set\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> END_KEYWORDS = Set.of("where", "from", "returning", "on", "select");

  private final StatementInspector next;
  private final Set<String> tenantColumns;

  TenantColumnUpdateInspector(StatementInspector next, Collection<String> mappedTenantColumns) {
    this.next = next;
    Set<String> columns = new TreeSet<>();
    mappedTenantColumns.forEach(c -> columns.add(c.toLowerCase(Locale.ROOT)));
    this.tenantColumns = Set.copyOf(columns);
  }

  @Override
  public String inspect(String sql) {
    String inspected = next == null ? sql : next.inspect(sql);
    if (inspected == null || !containsIgnoreCase(inspected, "update")) {
      return inspected;
    }
    Matcher update = UPDATE_SET.matcher(inspected);
    int from = 0;
    while (from < inspected.length() && update.find(from)) {
      String column = assignedTenantColumn(inspected, update.end());
      if (column != null) {
        throw new TenantIsolationException("An UPDATE that assigns the tenant column " + column + " is refused: "
            + "tenant columns never change. Create the row again in the other store instead. Statement: " + inspected);
      }
      from = update.end();
    }
    return inspected;
  }

  /**
   * Walks the assignments after {@code SET} up to the end of the clause (a top-level {@code WHERE},
   * {@code FROM}, {@code RETURNING}, the closing parenthesis of an enclosing {@code WITH}, or the end)
   * and returns the first assigned tenant column.
   */
  private String assignedTenantColumn(String sql, int start) {
    int depth = 0;
    boolean target = true; // at the left-hand side of an assignment
    int i = start;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          return null;
        }
        depth--;
      } else if (c == ';' && depth == 0) {
        return null;
      } else if (c == ',' && depth == 0) {
        target = true;
      } else if (c == '=' && depth == 0) {
        target = false;
      } else if (c == '"' || Character.isLetter(c) || c == '_') {
        int end = c == '"' ? skipQuoted(sql, i, '"') : identifierEnd(sql, i);
        String word = sql.substring(i, end);
        String bare = word.replace("\"", "").toLowerCase(Locale.ROOT);
        if (depth == 0 && !target && c != '"' && END_KEYWORDS.contains(bare)) {
          return null;
        }
        if (target) {
          // a qualified target (alias.column) or a column of a row-value target "(a, b) = ..."
          String column = bare.substring(bare.lastIndexOf('.') + 1);
          if (tenantColumns.contains(column)) {
            return column;
          }
        }
        i = end;
        continue;
      }
      i++;
    }
    return null;
  }

  private static int identifierEnd(String sql, int i) {
    int j = i;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
        j++;
      } else if (c == '"' && j > i && sql.charAt(j - 1) == '.') {
        j = skipQuoted(sql, j, '"');
      } else {
        break;
      }
    }
    return j;
  }

  private static int skipQuoted(String sql, int i, char quote) {
    int j = i + 1;
    while (j < sql.length()) {
      if (sql.charAt(j) == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
          continue;
        }
        return j + 1;
      }
      j++;
    }
    return j;
  }

  private static boolean containsIgnoreCase(String sql, String word) {
    return sql.toLowerCase(Locale.ROOT).contains(word);
  }
}
