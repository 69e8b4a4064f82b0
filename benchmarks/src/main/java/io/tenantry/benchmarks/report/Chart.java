package io.tenantry.benchmarks.report;

import static io.tenantry.benchmarks.report.Report.at;
import static io.tenantry.benchmarks.report.Report.map;
import static io.tenantry.benchmarks.report.Report.num;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders chart.svg by hand: the five headline ratios against their targets, query throughput per
 * operation relative to the hand-written baseline, and the tenant context's cost next to a raw ThreadLocal.
 */
final class Chart {

  private static final int WIDTH = 960;
  private static final int LEFT = 300;
  private static final int BAR_W = 560;
  private static final String GREEN = "#2e7d32";
  private static final String RED = "#c62828";
  private static final String GREY = "#9e9e9e";
  private static final String AMBER = "#ef8f00";
  private static final String[] VARIANT_COLORS = {"#90a4ae", "#5c6bc0", "#00897b", "#6a1b9a"};

  private Chart() {}

  static String render(Map<String, Object> r) {
    StringBuilder body = new StringBuilder();
    int y = 20;
    body.append(text(20, y + 12, "Tenantry: what isolation costs (issue 9)", 20, "bold", "start"));
    y += 40;
    y = headline(body, map(r.get("ratios")), y);
    y = throughput(body, map(r.get("queries")), y + 20);
    y = context(body, map(r.get("context")), y + 20);
    y = footer(body, r, y + 10);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + y + "\" viewBox=\"0 0 "
        + WIDTH + " " + y + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
  }

  /** Ratios share one axis 0..1.5; a bar is green when it meets its target (the black tick), red when not. */
  private static int headline(StringBuilder b, Map<String, Object> ratios, int y) {
    b.append(text(20, y, "Headline ratios (bar = measured, black tick = target)", 15, "bold", "start"));
    y += 14;
    double max = 1.5;
    int height = 6;
    for (Object v : ratios.values()) {
      height += num(map(v).get("value")) == null ? 30 : 46;
    }
    axis(b, y, height, max, new double[] {0, 0.5, 1.0, 1.5});
    for (Map.Entry<String, Object> e : ratios.entrySet()) {
      Map<String, Object> m = map(e.getValue());
      Double v = num(m.get("value"));
      String target = String.valueOf(m.get("target"));
      double t = Double.parseDouble(target.substring(3));
      b.append(text(LEFT - 10, y + 19, e.getKey(), 13, "normal", "end"));
      if (v == null) {
        b.append(rect(LEFT, y + 6, BAR_W, 18, "#f2f2f2"));
        b.append(text(LEFT + 8, y + 19, "not measured in this run", 12, "normal", "start", GREY));
      } else {
        boolean met = Boolean.TRUE.equals(m.get("met"));
        boolean unsure = String.valueOf(m.get("verdict")).startsWith("inconclusive");
        String colour = unsure ? AMBER : met ? GREEN : RED;
        b.append(rect(LEFT, y + 6, x(Math.min(v, max), max), 18, colour));
        if (m.get("round_ratio_band") instanceof List<?> band) {
          int x1 = LEFT + x(Math.min(num(band.get(0)), max), max);
          int x2 = LEFT + x(Math.min(num(band.get(1)), max), max);
          // the per-round band as a whisker: a line with a stop at each end
          b.append(line(x1, y + 15, x2, y + 15, "stroke=\"#333\" stroke-width=\"1.5\""))
              .append(line(x1, y + 10, x1, y + 20, "stroke=\"#333\"")).append(line(x2, y + 10, x2, y + 20, "stroke=\"#333\""));
        }
        String label = String.format(Locale.ROOT, "%.3f%s %s", v, v > max ? " (bar cut at " + max + ")" : "", unsure ? "? inconclusive (whisker: per-round band)"
            : met ? "✓" : "✗ missed");
        if (m.get("client_cpu_per_op_vs_handwritten") instanceof Number cpu) {
          label += String.format(Locale.ROOT, " · client CPU/op ×%.2f", cpu.doubleValue());
        }
        if (m.get("server_cpu_per_sale_vs_off") instanceof Number cpu) {
          label += String.format(Locale.ROOT, " · server CPU/sale ×%.2f of off", cpu.doubleValue());
        }
        b.append(text(LEFT + 8, y + 38, label, 11, "bold", "start", colour));
      }
      int tx = LEFT + x(t, max);
      b.append(line(tx, y + 2, tx, y + 28, "stroke=\"black\" stroke-width=\"3\""));
      b.append(text(LEFT + BAR_W + 10, y + 19, target, 11, "normal", "start", "#555"));
      y += v == null ? 30 : 46;
    }
    return y + 16;
  }

  private static int throughput(StringBuilder b, Map<String, Object> q, int y) {
    if (q == null) {
      return y;
    }
    b.append(text(20, y, "Query throughput relative to (a) hand-written JPQL (median of per-round ratios), 4 clients, 10,000 companies", 15,
        "bold", "start"));
    y += 10;
    String[] keys = {"a", "b", "c", "d"};
    String[] names = {"(a) hand-written", "(b) Hibernate @TenantId", "(c) Tenantry scoping", "(d) Tenantry + RLS"};
    for (int i = 0; i < keys.length; i++) {
      b.append(rect(LEFT + i * 165, y + 6, 12, 12, VARIANT_COLORS[i]));
      b.append(text(LEFT + i * 165 + 16, y + 16, names[i], 11, "normal", "start"));
    }
    y += 26;
    double max = 1.2;
    int groupH = keys.length * 14 + 12;
    axis(b, y, Report.OPS.length * groupH, max, new double[] {0, 0.25, 0.5, 0.75, 1.0});
    for (int o = 0; o < Report.OPS.length; o++) {
      String op = Report.OPS[o];
      Double base = num(at(q, "variants", "a", "operations", op, "ops_per_s"));
      b.append(text(LEFT - 10, y + groupH / 2 + 4, Report.OP_LABELS[o], 13, "normal", "end"));
      b.append(text(LEFT - 10, y + groupH / 2 + 18, base == null ? "" : String.format(Locale.ROOT, "(a) = %,.0f ops/s",
          base), 10, "normal", "end", "#555"));
      for (int i = 0; i < keys.length; i++) {
        Double rel = keys[i].equals("a") ? Double.valueOf(1.0)
            : num(at(q, "throughput_ratios", keys[i] + "_vs_a", "operations", op, "ratio"));
        if (rel == null) {
          continue;
        }
        int by = y + 4 + i * 14;
        b.append(rect(LEFT, by, x(Math.min(rel, max), max), 12, VARIANT_COLORS[i]));
        b.append(text(LEFT + x(Math.min(rel, max), max) + 4, by + 10, String.format(Locale.ROOT, "%.3f", rel), 10,
            "normal", "start"));
      }
      y += groupH;
    }
    return y + 16;
  }

  private static int context(StringBuilder b, Map<String, Object> c, int y) {
    if (c == null) {
      return y;
    }
    Map<String, Object> bm = map(c.get("benchmarks"));
    b.append(text(20, y, "Tenant context, ns/op (JMH; grey = raw ThreadLocal doing the same, colour = Tenantry)", 15,
        "bold", "start"));
    y += 14;
    double max = 0;
    for (String[] p : Report.CONTEXT_PAIRS) {
      for (int i = 1; i < 3; i++) {
        Double v = p[i] == null ? null : num(at(bm, p[i], "ns_per_op"));
        if (v != null) {
          max = Math.max(max, v);
        }
      }
    }
    max = niceMax(max);
    int start = y;
    int rows = 0;
    for (String[] p : Report.CONTEXT_PAIRS) {
      Double t = num(at(bm, p[1], "ns_per_op"));
      if (t == null) {
        continue;
      }
      Double raw = p[2] == null ? null : num(at(bm, p[2], "ns_per_op"));
      String label = p[0].length() > 44 ? p[0].substring(0, 44) + "…" : p[0];
      b.append(text(LEFT - 10, y + 18, label, 11, "normal", "end"));
      if (raw != null) {
        b.append(rect(LEFT, y + 4, x(raw, max), 9, "#bdbdbd"));
        b.append(text(LEFT + x(raw, max) + 4, y + 12, String.format(Locale.ROOT, "%.1f", raw), 9, "normal", "start",
            "#555"));
      }
      String colour = p[1].startsWith("scoped") ? "#ef6c00" : p[1].startsWith("raw") ? "#78909c" : "#00897b";
      b.append(rect(LEFT, y + 14, x(t, max), 9, colour));
      b.append(text(LEFT + x(t, max) + 4, y + 22, String.format(Locale.ROOT, "%.1f ns", t), 9, "bold", "start"));
      y += 28;
      rows++;
    }
    axis(b, start, rows * 28, max, new double[] {0, max / 4, max / 2, 3 * max / 4, max});
    if (!bm.containsKey("scopedValue_whereRun")) {
      b.append(text(LEFT, y + 12, "ScopedValue: " + c.get("scoped_value"), 10, "normal", "start", GREY));
      y += 16;
    }
    return y + 14;
  }

  private static int footer(StringBuilder b, Map<String, Object> r, int y) {
    Map<String, Object> m = map(r.get("machine"));
    Map<String, Object> db = map(r.get("database"));
    String machine = m == null ? "" : m.get("cpu") + ", " + m.get("cores") + " cores, " + m.get("memory_gib")
        + " GiB; " + m.get("jvm");
    String database = db == null ? "" : "PostgreSQL " + db.get("server_version") + " (" + db.get("source")
        + "), shared_buffers " + db.get("shared_buffers");
    b.append(text(20, y, "Machine: " + machine, 11, "normal", "start", "#333"));
    b.append(text(20, y + 16, database + "  ·  " + r.get("generated_at")
        + (Boolean.TRUE.equals(r.get("quick")) ? "  ·  QUICK RUN, not for quoting" : ""), 11, "normal", "start",
        "#333"));
    b.append(text(20, y + 32, "Rerun: " + Markdown.BUILD + " && " + r.get("command"), 11, "normal", "start", "#333"));
    return y + 46;
  }

  private static void axis(StringBuilder b, int y, int height, double max, double[] ticks) {
    for (double t : ticks) {
      int tx = LEFT + x(t, max);
      b.append(line(tx, y, tx, y + height, "stroke=\"#e0e0e0\" stroke-width=\"1\""));
      b.append(text(tx, y + height + 12, trim(t), 10, "normal", "middle", "#777"));
    }
  }

  private static String trim(double t) {
    return t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f", t)
        : String.format(Locale.ROOT, "%.2f", t).replaceAll("0$", "");
  }

  private static double niceMax(double v) {
    double[] steps = {10, 20, 40, 50, 80, 100, 150, 200, 300, 400, 500, 800, 1000, 2000, 5000};
    for (double s : steps) {
      if (v <= s) {
        return s;
      }
    }
    return v;
  }

  private static int x(double v, double max) {
    return (int) Math.round(Math.max(0, v) / max * BAR_W);
  }

  private static String line(int x1, int y1, int x2, int y2, String stroke) {
    return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" %s/>\n", x1, y1, x2, y2, stroke);
  }

  private static String rect(int x, int y, int w, int h, String fill) {
    return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n", x, y,
        Math.max(w, 0), h, fill);
  }

  private static String text(int x, int y, String s, int size, String weight, String anchor) {
    return text(x, y, s, size, weight, anchor, "#111");
  }

  private static String text(int x, int y, String s, int size, String weight, String anchor, String fill) {
    return String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" text-anchor=\"%s\" fill=\"%s\">%s</text>\n", x, y,
        size, weight, anchor, fill, escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
