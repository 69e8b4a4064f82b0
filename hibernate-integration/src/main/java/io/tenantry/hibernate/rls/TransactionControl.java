package io.tenantry.hibernate.rls;

import java.sql.SQLException;
import java.util.Set;

/**
 * Finds SQL that changes what the tenant settings are behind the connection's back: transaction
 * control sent as SQL ({@code ROLLBACK TO SAVEPOINT}, {@code COMMIT}, ...), {@code SET}/{@code RESET}
 * and {@code DISCARD} (and {@code LISTEN}, whose notifications the connection drains on its way back
 * to the pool). After such a statement the connection forgets what it applied, so the next
 * statement carries the settings again. A statement that reverts the settings followed by more SQL
 * in the same string would run that SQL under the reverted settings, and is refused.
 *
 * <p>A small lexer, not a pattern: it reads the first word of every statement of the string,
 * skipping whitespace, comments (nested block comments too) and quoted text ({@code '...'},
 * {@code E'...'}, {@code "..."}, {@code $tag$...$tag$}), so a keyword inside a string or a function
 * body is not mistaken for a statement. Most SQL (Hibernate's) is one statement and no keyword: the
 * cost is reading its first word and scanning for a {@code ;}.
 */
final class TransactionControl {

  /** Statements after which the connection no longer knows which settings hold. */
  private static final String[] CONTROL = {"begin", "start", "commit", "end", "rollback", "abort",
      "savepoint", "release", "prepare", "set", "reset", "discard", "listen", "unlisten"};
  /** Of those, the ones that may revert the settings: nothing may follow them in the same string. */
  private static final Set<String> REVERTING = Set.of("commit", "end", "rollback", "abort", "reset", "discard");

  private TransactionControl() {}

  /** Whether {@code sql} controls the transaction or the settings; throws when more SQL follows a reverting statement. */
  static boolean check(String sql) throws SQLException {
    if (sql == null) {
      return false;
    }
    boolean control = false;
    String reverting = null;
    int i = 0;
    int n = sql.length();
    boolean statementStart = true;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = skipBlockComment(sql, i);
      } else if (c == ';') {
        statementStart = true;
        i++;
      } else {
        if (statementStart) {
          if (reverting != null) {
            throw new SQLException("Tenantry: '" + reverting + "' is followed by more SQL in the same statement, "
                + "which would run under the tenant settings it reverted. Send it as a statement of its own "
                + "(or use Connection.commit/rollback/rollback(Savepoint)).", "0A000");
          }
          int end = i;
          while (end < n && Character.isLetter(sql.charAt(end))) {
            end++;
          }
          String word = keyword(sql, i, end - i); // no allocation: this runs for every statement prepared
          if (word != null) {
            control = true;
            if (REVERTING.contains(word)) {
              reverting = word;
            }
          }
          statementStart = false;
          if (end > i) {
            i = end;
            continue;
          }
        }
        i = skipToken(sql, i);
      }
    }
    return control;
  }

  private static String keyword(String sql, int start, int length) {
    for (String k : CONTROL) {
      if (k.length() == length && sql.regionMatches(true, start, k, 0, length)) {
        return k;
      }
    }
    return null;
  }

  private static int skipBlockComment(String sql, int i) {
    int depth = 0;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** Skips one token: quoted text whole, else one character. */
  private static int skipToken(String sql, int i) {
    int n = sql.length();
    char c = sql.charAt(i);
    if (c == '\'' || c == '"') {
      boolean backslash = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E');
      int j = i + 1;
      while (j < n) {
        char d = sql.charAt(j);
        if (backslash && d == '\\') {
          j += 2;
        } else if (d == c) {
          if (j + 1 < n && sql.charAt(j + 1) == c) {
            j += 2; // doubled quote
          } else {
            return j + 1;
          }
        } else {
          j++;
        }
      }
      return n;
    }
    if (c == '$') {
      int j = i + 1;
      while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
      if (j < n && sql.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
        String tag = sql.substring(i, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? n : close + tag.length();
      }
      return j; // a parameter such as $1
    }
    if (Character.isLetterOrDigit(c) || c == '_') {
      int j = i + 1;
      while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
        j++;
      }
      return j;
    }
    return i + 1;
  }
}
