package io.tenantry.benchmarks;

import io.tenantry.benchmarks.report.Json;
import io.tenantry.benchmarks.report.Report;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every benchmark of issue 9 that can run today and writes {@code results/latest.json},
 * {@code results/results.md} and {@code results/chart.svg}. See {@code benchmarks/README.md}.
 *
 * <pre>
 * java -jar benchmarks/target/tenantry-benchmarks.jar [--quick] [--only=context,queries,sync,pos,flood] [--reload]
 *     [--companies=10,10000] [--threads=4] [--rounds=12] [--warmup=6] [--slice-ms=1000] [--out=DIR]
 *     [--catalogs=10000,100000] [--registers=8] [--pos-rounds=10] [--pos-warmup=30] [--pos-slice-ms=3000]
 *     [--push-sales=10000]
 * </pre>
 */
public final class RunAll {

  /** Command-line options. */
  static final class Options {
    boolean quick;
    boolean context = true;
    boolean queries = true;
    /** Item 4: register delta sync through the POS. */
    boolean sync = true;
    /** Item 5 and the register push: sales through the POS, isolation on vs off. */
    boolean pos = true;
    /** Issue 22: real sales while unknown register keys arrive, against the same registers selling alone. */
    boolean flood = true;
    int[] syncCatalogs = {10_000, 100_000};
    int registers = 8;
    int posRounds = 10;
    int posWarmupRounds = 30;
    long posSliceMillis = 3000;
    int pushSales = 10_000;
    boolean reload;
    int smallCompanies = 10;
    int largeCompanies = 10_000;
    int threads = 4;
    int rounds = 12;
    int warmupRounds = 6;
    long sliceMillis = 1000;
    Path out;
    String command;
    /** Development aid: run only these slots (comma-separated keys); results are then partial. */
    java.util.Set<String> slots;

    static Options parse(String[] args) {
      Options o = new Options();
      for (String a : args) {
        if (a.equals("--quick")) {
          o.quick = true;
          o.rounds = 2;
          o.warmupRounds = 1;
          o.sliceMillis = 400;
          o.posRounds = 2;
          o.posWarmupRounds = 1;
          o.posSliceMillis = 1000;
          o.pushSales = 500;
        }
      }
      for (String a : args) {
        String v = a.contains("=") ? a.substring(a.indexOf('=') + 1) : "";
        if (a.equals("--quick")) {
          continue;
        } else if (a.startsWith("--only=")) {
          List<String> parts = List.of(v.split(","));
          for (String part : parts) {
            if (!List.of("context", "queries", "sync", "pos", "flood").contains(part)) {
              throw new IllegalArgumentException("--only takes context, queries, sync, pos and flood, comma-separated; not "
                  + part);
            }
          }
          o.context = parts.contains("context");
          o.queries = parts.contains("queries");
          o.sync = parts.contains("sync");
          o.pos = parts.contains("pos");
          o.flood = parts.contains("flood");
        } else if (a.startsWith("--catalogs=")) {
          o.syncCatalogs = smallLarge("--catalogs", v);
        } else if (a.startsWith("--registers=")) {
          o.registers = positive("--registers", v);
        } else if (a.startsWith("--pos-rounds=")) {
          o.posRounds = positive("--pos-rounds", v);
        } else if (a.startsWith("--pos-warmup=")) {
          o.posWarmupRounds = atLeastZero("--pos-warmup", v);
        } else if (a.startsWith("--pos-slice-ms=")) {
          o.posSliceMillis = positive("--pos-slice-ms", v);
        } else if (a.startsWith("--push-sales=")) {
          o.pushSales = positive("--push-sales", v);
        } else if (a.equals("--reload")) {
          o.reload = true;
        } else if (a.startsWith("--companies=")) {
          int[] p = smallLarge("--companies", v);
          o.smallCompanies = p[0];
          o.largeCompanies = p[1];
        } else if (a.startsWith("--threads=")) {
          o.threads = positive("--threads", v);
        } else if (a.startsWith("--rounds=")) {
          o.rounds = positive("--rounds", v);
        } else if (a.startsWith("--warmup=")) {
          o.warmupRounds = atLeastZero("--warmup", v);
        } else if (a.startsWith("--slice-ms=")) {
          o.sliceMillis = positive("--slice-ms", v);
        } else if (a.startsWith("--slots=")) {
          if (v.isBlank()) {
            throw new IllegalArgumentException("--slots takes query variant keys, comma-separated (e.g. --slots=a,c)");
          }
          o.slots = new java.util.LinkedHashSet<>(List.of(v.split(",")));
        } else if (a.startsWith("--out=")) {
          o.out = Paths.get(v);
        } else {
          throw new IllegalArgumentException("unknown option " + a + "; see benchmarks/README.md");
        }
      }
      if (o.out == null) {
        o.out = Files.isDirectory(Paths.get("benchmarks")) ? Paths.get("benchmarks", "results") : Paths.get("results");
      }
      o.command = "java -jar benchmarks/target/tenantry-benchmarks.jar" + (args.length == 0 ? "" : " " + String.join(" ", args));
      return o;
    }

    /**
     * The value of a two-size option ({@code --companies}, {@code --catalogs}): exactly two whole numbers, the
     * smaller first. The run compares the larger data set with the smaller one, so one size, or the same size
     * twice, would give a ratio that measures nothing; it is refused with the form the option takes.
     */
    static int[] smallLarge(String option, String value) {
      String form = option + "=SMALL,LARGE (e.g. " + option + "="
          + (option.equals("--companies") ? "10,10000" : "10000,100000") + ")";
      String[] p = value.split(",", -1);
      if (p.length != 2) {
        throw new IllegalArgumentException(option + " takes two sizes, the smaller first: " + form
            + "; the run compares the larger data set with the smaller one. Not " + option + "=" + value);
      }
      int small = whole(option, p[0].trim(), form);
      int large = whole(option, p[1].trim(), form);
      if (small < 1 || small >= large) {
        throw new IllegalArgumentException(option + " takes two sizes, the smaller first and both above 0: " + form
            + ". Not " + option + "=" + value);
      }
      return new int[] {small, large};
    }

    static int positive(String option, String value) {
      int n = whole(option, value.trim(), option + "=N with N above 0");
      if (n < 1) {
        throw new IllegalArgumentException(option + " takes a number above 0, not " + value);
      }
      return n;
    }

    static int atLeastZero(String option, String value) {
      int n = whole(option, value.trim(), option + "=N with N 0 or more");
      if (n < 0) {
        throw new IllegalArgumentException(option + " takes a number of 0 or more, not " + value);
      }
      return n;
    }

    private static int whole(String option, String value, String form) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(option + " takes whole numbers: " + form + ". Not '" + value + "'");
      }
    }
  }

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].startsWith("--report-only")) {
      // re-renders results.md and chart.svg (and the ratios of latest.json) from an existing latest.json
      Path dir = args[0].contains("=") ? Paths.get(args[0].substring(args[0].indexOf('=') + 1))
          : Files.isDirectory(Paths.get("benchmarks")) ? Paths.get("benchmarks", "results") : Paths.get("results");
      @SuppressWarnings("unchecked")
      Map<String, Object> previous = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("latest.json")));
      previous.remove("ratios");
      Report.write(dir, previous);
      System.out.println(Report.headlineText(previous));
      return;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("tenantry-benchmarks: " + e.getMessage());
      System.exit(2);
      return;
    }
    long started = System.nanoTime();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("issue", 9);
    out.put("generated_at", Instant.now().toString());
    out.put("command", o.command);
    out.put("quick", o.quick);
    out.put("machine", machine());
    out.put("library", library());
    if (!(o.context && o.queries && o.sync && o.pos && o.flood)) {
      System.out.println("(partial run: latest.json will carry only the part that ran)");
    }
    if (o.context) {
      out.put("context", ContextRun.run(o));
    }
    if (o.queries) {
      new QueryRun(o, out).run();
    }
    if (o.sync || o.pos) {
      new PosRun(o, out).run();
    }
    if (o.flood) {
      new FloodRun(o, out).run();
    }
    out.put("run_seconds", (System.nanoTime() - started) / 1e9);
    if (o.slots != null) {
      System.out.println("== --slots run: nothing written");
      return;
    }
    Files.createDirectories(o.out);
    Report.write(o.out, out);
    System.out.println("== Wrote " + o.out.resolve("latest.json") + ", results.md, chart.svg");
    System.out.println(Report.headlineText(out));
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpuModel());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory_gib", Math.round(((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    return m;
  }

  private static String cpuModel() {
    try {
      List<String> lines = Files.readAllLines(Paths.get("/proc/cpuinfo"));
      for (String l : lines) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  /** The commit measured, when run from a git work tree, and whether the library modules had local changes. */
  static Map<String, Object> library() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", "0.1.0-SNAPSHOT");
    m.put("git_commit", git("rev-parse", "--short", "HEAD"));
    String dirty = git("status", "--porcelain", "--", "core", "hibernate-integration", "test-support");
    m.put("library_modules_modified", dirty == null ? null : !dirty.isBlank());
    return m;
  }

  private static String git(String... args) {
    try {
      String[] cmd = new String[args.length + 1];
      cmd[0] = "git";
      System.arraycopy(args, 0, cmd, 1, args.length);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static String json(Object o) {
    return Json.write(o);
  }
}
