package io.tenantry.hibernate.rls;

import java.sql.SQLException;
import java.util.Set;

/**
 * Reads what a statement may do beyond its own transaction, with one pass of a small lexer.
 *
 * <p>{@link #CONTROL}: SQL that changes what the tenant settings are behind the connection's back:
 * transaction control sent as SQL ({@code ROLLBACK TO SAVEPOINT}, {@code COMMIT}, ...),
 * {@code SET}/{@code RESET} and {@code DISCARD} (and {@code LISTEN}, whose notifications the
 * connection drains on its way back to the pool). After such a statement the connection forgets what
 * it applied, so the next statement carries the settings again. A statement that reverts the settings
 * followed by more SQL in the same string would run that SQL under the reverted settings, and is refused.
 *
 * <p>{@link #SESSION_STATE}: SQL that may leave state on the session for the next borrower (a
 * {@code WITH HOLD} cursor, a temporary object, {@code LISTEN}, an SQL {@code PREPARE}, a session
 * setting or role, an advisory lock), so the connection checks the session on its way back to the
 * pool ({@link RlsConnection#close()}). Everything is flagged except statements the lexer can vouch
 * for: each begins with {@code select}, {@code insert}, {@code update}, {@code delete}, {@code with},
 * {@code values}, {@code table} or {@code merge}; has no {@code into} other than an insert's or merge's
 * target (which rules out {@code SELECT ... INTO [TEMP]}); and calls no function but the built-in ones
 * in {@link #PAREN_OK} (unqualified, unquoted: {@code pg_catalog.set_config(...)}, {@code "f"(...)},
 * {@code pg_advisory_lock(...)} and any function the lexer does not know are flagged). So
 * {@code DECLARE}, {@code CREATE}, {@code DO}, {@code CALL}, {@code EXPLAIN}, {@code COPY} and
 * every control statement are flagged. What the text cannot show is code the schema runs on its own:
 * triggers, rules, column defaults, views, policies, user-defined operators and casts, and overloads
 * of a listed function name that the schema defines for other argument types; such code must not
 * create session state (a tenant cannot create it: a tenant that may create temporary functions sends
 * {@code CREATE}, which is flagged, and the audit warns about the TEMP privilege). {@code nextval}
 * leaves the session's {@code lastval}, as it did before this check: a sequence number, no tenant data.
 *
 * <p>The lexer skips whitespace, comments (nested block comments too) and quoted text
 * ({@code '...'}, {@code E'...'}, {@code "..."}, {@code $tag$...$tag$}), so a keyword inside a string
 * or a function body is not mistaken for a statement. It allocates nothing for ordinary SQL
 * (Hibernate's); it runs once per distinct statement text (the result is kept, within a bound).
 */
final class TransactionControl {

  /** The statement controls the transaction or the settings. */
  static final int CONTROL = 1;
  /** The statement may leave state on the session that outlives the transaction. */
  static final int SESSION_STATE = 2;

  /** Statements after which the connection no longer knows which settings hold. */
  private static final String[] CONTROL_WORDS = {"begin", "start", "commit", "end", "rollback", "abort",
      "savepoint", "release", "prepare", "set", "reset", "discard", "listen", "unlisten"};
  /** Of those, the ones that may revert the settings: nothing may follow them in the same string. */
  private static final Set<String> REVERTING = Set.of("commit", "end", "rollback", "abort", "reset", "discard");
  /** First words of statements that can be vouched for (if nothing else in them is flagged). */
  private static final String[] PLAIN_FIRST = {"select", "insert", "update", "delete", "with", "values", "table",
      "merge"};
  private static final int INSERT = 1;
  private static final int MERGE = 7;
  /**
   * Words that may stand before {@code (} in a statement that is vouched for: keywords, type names
   * with a length or precision, and built-in functions without effect beyond the statement.
   */
  static final Set<String> PAREN_OK = Set.of(
      // keywords
      "values", "in", "exists", "any", "some", "all", "over", "filter", "group", "as", "on", "and", "or", "not",
      "where", "select", "from", "by", "then", "else", "when", "case", "using", "conflict", "set", "row", "array",
      "distinct", "lateral", "union", "intersect", "except", "having", "limit", "offset", "like", "ilike",
      "between", "is", "returning", "join", "only", "fetch", "first", "next", "for", "of", "within", "order",
      // types with a modifier
      "numeric", "decimal", "varchar", "char", "character", "varying", "timestamp", "time", "bit", "float",
      "interval",
      // built-in functions
      "count", "sum", "min", "max", "avg", "coalesce", "nullif", "greatest", "least", "lower", "upper",
      "length", "char_length", "character_length", "octet_length", "bit_length", "trim", "ltrim", "rtrim",
      "btrim", "substring", "substr", "overlay", "position", "strpos", "replace", "concat", "concat_ws", "left",
      "right", "lpad", "rpad", "repeat", "reverse", "abs", "round", "floor", "ceil", "ceiling", "mod", "power",
      "sqrt", "sign", "trunc", "exp", "ln", "log", "extract", "date_trunc", "date_part", "now", "cast",
      "to_char", "to_date", "to_timestamp", "to_number", "bool_and", "bool_or", "every", "array_agg",
      "string_agg", "row_number", "rank", "dense_rank", "lag", "lead", "first_value", "last_value", "nth_value",
      "percentile_cont", "percentile_disc", "cardinality", "array_length", "unnest", "string_to_array",
      "array_to_string", "nextval", "gen_random_uuid", "age");

  private static final String[][] PAREN_OK_BY_LETTER = new String[26][];

  static {
    for (char f = 'a'; f <= 'z'; f++) {
      char letter = f;
      String[] bucket = PAREN_OK.stream().filter(w -> w.charAt(0) == letter).toArray(String[]::new);
      PAREN_OK_BY_LETTER[f - 'a'] = bucket.length == 0 ? null : bucket;
    }
  }

  private TransactionControl() {}

  /** Whether {@code sql} controls the transaction or the settings; throws when more SQL follows a reverting statement. */
  static boolean check(String sql) throws SQLException {
    return (classify(sql) & CONTROL) != 0;
  }

  /** Classifications by statement text: the lexer costs about a microsecond for a typical one. */
  private static final TextCache<Integer> CACHE = new TextCache<>();

  /** {@link #CONTROL} and {@link #SESSION_STATE}, or'ed; throws when more SQL follows a reverting statement. */
  static int classify(String sql) throws SQLException {
    return sql == null ? 0 : CACHE.get(sql, TransactionControl::lex);
  }

  private static int lex(String sql) throws SQLException {
    int kind = 0;
    String reverting = null;
    int i = 0;
    int n = sql.length();
    boolean statementStart = true;
    int first = -1; // index in PLAIN_FIRST of the statement's first word, -1 when it is not one
    // the last token: 0 other, 1 an unquoted word (at wordStart..wordEnd), 2 a quoted identifier
    int last = 0;
    int wordStart = 0;
    int wordEnd = 0;
    boolean afterDot = false; // the last token follows a '.'
    boolean dot = false; // the token just read is a '.'
    boolean target = false; // inside the target name of an insert or merge, right after INTO
    boolean lastInto = false; // the last token is INTO
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
        last = 0;
        target = false;
        lastInto = false;
        dot = false;
        i++;
      } else if (statementStart) {
        if (reverting != null) {
          throw new SQLException("Tenantry: '" + reverting + "' is followed by more SQL in the same statement, "
              + "which would run under the tenant settings it reverted. Send it as a statement of its own "
              + "(or use Connection.commit/rollback/rollback(Savepoint)).", "0A000");
        }
        int end = i;
        while (end < n && Character.isLetter(sql.charAt(end))) {
          end++;
        }
        String word = match(CONTROL_WORDS, sql, i, end - i); // no allocation
        if (word != null) {
          kind |= CONTROL;
          if (REVERTING.contains(word)) {
            reverting = word;
          }
        }
        first = indexOf(PLAIN_FIRST, sql, i, end - i);
        if (first < 0) {
          kind |= SESSION_STATE;
        }
        statementStart = false;
        last = 1;
        wordStart = i;
        wordEnd = end;
        afterDot = false;
        i = end > i ? end : skipToken(sql, i);
      } else if (first < 0) {
        i = skipToken(sql, i); // flagged already: only the statement boundaries matter
      } else if (Character.isLetter(c) || c == '_') {
        int end = skipToken(sql, i);
        boolean dotted = dot;
        dot = false;
        boolean into = end - i == 4 && sql.regionMatches(true, i, "into", 0, 4);
        if (into) {
          if (first == INSERT || first == MERGE) {
            target = true;
          } else {
            kind |= SESSION_STATE; // SELECT ... INTO creates a table
          }
        } else if (target && !lastInto && !dotted) {
          target = false; // a word after the target's name: the name has ended
        }
        lastInto = into;
        last = 1;
        wordStart = i;
        wordEnd = end;
        afterDot = dotted;
        i = end;
      } else if (c == '"') {
        boolean dotted = dot;
        dot = false;
        if (target && !lastInto && !dotted) {
          target = false;
        }
        lastInto = false;
        last = 2;
        afterDot = dotted;
        i = skipToken(sql, i);
      } else if (c == '.') {
        dot = true; // part of a qualified name (or a number): the next token sees it through afterDot
        i++;
      } else {
        dot = false;
        lastInto = false;
        if (c == '(') {
          if (target) {
            target = false; // the insert's column list
          } else if (last == 2 || (last == 1 && (afterDot || !parenOk(sql, wordStart, wordEnd)))) {
            kind |= SESSION_STATE; // a function the lexer cannot vouch for
          }
        } else {
          target = false;
        }
        last = 0;
        i = skipToken(sql, i);
      }
    }
    return kind;
  }

  /** Whether the word at {@code start..end} is in {@link #PAREN_OK}; without allocating (bucketed by first letter). */
  private static boolean parenOk(String sql, int start, int end) {
    char f = Character.toLowerCase(sql.charAt(start));
    if (f < 'a' || f > 'z') {
      return false;
    }
    String[] bucket = PAREN_OK_BY_LETTER[f - 'a'];
    return bucket != null && indexOf(bucket, sql, start, end - start) >= 0;
  }

  private static int indexOf(String[] words, String sql, int start, int length) {
    for (int k = 0; k < words.length; k++) {
      String w = words[k];
      if (w.length() == length && sql.regionMatches(true, start, w, 0, length)) {
        return k;
      }
    }
    return -1;
  }

  private static String match(String[] words, String sql, int start, int length) {
    int k = indexOf(words, sql, start, length);
    return k < 0 ? null : words[k];
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
