package io.tenantry.benchmarks.report;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** A small JSON writer for maps, lists, strings, numbers, booleans and null; enough for latest.json. */
public final class Json {

  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0);
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object v, int indent) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        pad(sb, indent + 1);
        string(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        write(sb, e.getValue(), indent + 1);
        sb.append(++i < m.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append('}');
    } else if (v instanceof Collection<?> c) {
      boolean simple = c.stream().allMatch(x -> x instanceof Number || x == null);
      if (c.isEmpty() || simple) {
        sb.append('[');
        int i = 0;
        for (Object x : c) {
          write(sb, x, indent);
          if (++i < c.size()) {
            sb.append(", ");
          }
        }
        sb.append(']');
        return;
      }
      sb.append("[\n");
      int i = 0;
      for (Object x : c) {
        pad(sb, indent + 1);
        write(sb, x, indent + 1);
        sb.append(++i < c.size() ? ",\n" : "\n");
      }
      pad(sb, indent);
      sb.append(']');
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        sb.append("null");
      } else {
        sb.append(round(d));
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      string(sb, v.toString());
    }
  }

  /** Four significant digits at least, no exponent for the magnitudes used here. */
  static String round(double d) {
    double abs = Math.abs(d);
    String s;
    if (abs >= 1000) {
      s = String.format(Locale.ROOT, "%.1f", d);
    } else if (abs >= 1) {
      s = String.format(Locale.ROOT, "%.4f", d);
    } else {
      s = String.format(Locale.ROOT, "%.5f", d);
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** Parses what {@link #write} writes (objects keep their key order). */
  public static Object parse(String text) {
    int[] pos = {0};
    Object v = value(text, pos);
    skip(text, pos);
    if (pos[0] != text.length()) {
      throw new IllegalArgumentException("trailing characters at " + pos[0]);
    }
    return v;
  }

  private static Object value(String t, int[] p) {
    skip(t, p);
    char c = t.charAt(p[0]);
    if (c == '{') {
      p[0]++;
      Map<String, Object> m = new java.util.LinkedHashMap<>();
      skip(t, p);
      if (t.charAt(p[0]) == '}') {
        p[0]++;
        return m;
      }
      while (true) {
        skip(t, p);
        String k = (String) value(t, p);
        skip(t, p);
        p[0]++; // ':'
        m.put(k, value(t, p));
        skip(t, p);
        if (t.charAt(p[0]++) == '}') {
          return m;
        }
      }
    }
    if (c == '[') {
      p[0]++;
      java.util.List<Object> l = new java.util.ArrayList<>();
      skip(t, p);
      if (t.charAt(p[0]) == ']') {
        p[0]++;
        return l;
      }
      while (true) {
        l.add(value(t, p));
        skip(t, p);
        if (t.charAt(p[0]++) == ']') {
          return l;
        }
      }
    }
    if (c == '"') {
      StringBuilder sb = new StringBuilder();
      p[0]++;
      while (true) {
        char ch = t.charAt(p[0]++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch == '\\') {
          char e = t.charAt(p[0]++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              sb.append((char) Integer.parseInt(t.substring(p[0], p[0] + 4), 16));
              p[0] += 4;
            }
            default -> sb.append(e);
          }
        } else {
          sb.append(ch);
        }
      }
    }
    int start = p[0];
    while (p[0] < t.length() && ",}] \n\r\t".indexOf(t.charAt(p[0])) < 0) {
      p[0]++;
    }
    String tok = t.substring(start, p[0]);
    switch (tok) {
      case "null":
        return null;
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        return tok.contains(".") || tok.contains("e") || tok.contains("E") ? (Object) Double.valueOf(tok)
            : (Object) Long.valueOf(tok);
    }
  }

  private static void skip(String t, int[] p) {
    while (p[0] < t.length() && Character.isWhitespace(t.charAt(p[0]))) {
      p[0]++;
    }
  }

  private static void pad(StringBuilder sb, int indent) {
    sb.append("  ".repeat(indent));
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }
}
