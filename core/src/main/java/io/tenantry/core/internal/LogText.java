package io.tenantry.core.internal;

/**
 * Makes caller-supplied text safe to put in a log line (user input in a reason or a name must not
 * forge log lines): control characters, Unicode line
 * and paragraph separators, quotes and backslashes are written as Java escapes, so text such as a
 * company name holding a newline cannot start a forged log line or close a quoted field early.
 */
public final class LogText {

  private LogText() {}

  /** {@code text} with every character that could forge or break a log line escaped; {@code null} stays null. */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      String replacement = replacement(ch);
      if (replacement != null && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(ch);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  private static String replacement(char ch) {
    switch (ch) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case '"':
        return "\\\"";
      case '\\':
        return "\\\\";
      default:
        // C0/C1 controls (ESC starts terminal sequences), NEL, LINE and PARAGRAPH SEPARATOR, bidi overrides
        if (Character.isISOControl(ch) || ch == '\u2028' || ch == '\u2029'
            || (ch >= '\u202a' && ch <= '\u202e') || (ch >= '\u2066' && ch <= '\u2069')) {
          return String.format("\\u%04x", (int) ch);
        }
        return null;
    }
  }
}
