package io.tenantry.benchmarks;

import io.tenantry.benchmarks.app.PosApi;
import io.tenantry.benchmarks.app.PosProcess;
import io.tenantry.benchmarks.db.BenchServer;
import io.tenantry.benchmarks.harness.Samples;
import io.tenantry.benchmarks.harness.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 22, item 5: real registers selling while unknown register keys arrive. One POS (isolation on, as
 * shipped) on {@value #DB}, one company, {@code --registers} registers (8) selling back to back as in item 5
 * ({@code POST /api/sales}, 3 lines); in alternating slices (order swapped every round) the same registers
 * sell alone ("quiet") or while {@value #UNKNOWN_KEYS} requests with distinct made-up {@code X-Register-Key}s
 * arrive from {@value #FLOOD_THREADS} other client threads ("flood"). The ratio is the median over rounds of
 * the per-round ratio of real sales/s, flood / quiet; the target is at least 0.9. The answers the flood got
 * (401 for a key looked up, 429 once its address is limited) are counted.
 */
final class FloodRun {

  static final String DB = "tenantry_bench_pos_flood";
  static final int UNKNOWN_KEYS = 1_000;
  static final int FLOOD_THREADS = 4;

  private final RunAll.Options o;
  private final Map<String, Object> out;

  FloodRun(RunAll.Options o, Map<String, Object> out) {
    this.o = o;
    this.out = out;
  }

  void run() throws Exception {
    PosProcess.jar();
    BenchServer server = BenchServer.start();
    out.putIfAbsent("database", server.describe());
    System.out.printf("== Unknown register keys: %d registers selling, quiet vs %,d unknown keys per slice%n",
        o.registers, UNKNOWN_KEYS);
    server.freshPosDatabase(DB, PosProcess.APP_ROLE, PosProcess.SYSTEM_ROLE);
    try (PosProcess pos = PosProcess.start(server, DB, false, "flood")) {
      PosApi api = pos.api();
      String token = api.signupAndLogin("Flood", "owner@flood.bench.example");
      String[] stores = {api.createStore(token, "Main St"), api.createStore(token, "Oak Ave")};
      List<String> keys = new ArrayList<>();
      for (int r = 0; r < o.registers; r++) {
        keys.add(api.createRegister(token, stores[r % 2], "Register " + (r + 1)));
      }
      List<String> products = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        products.add(api.createProduct(token, String.format(Locale.ROOT, "SKU%03d", i), "Item " + i,
            String.format(Locale.ROOT, "%d.%02d", 1 + i % 20, (i * 7) % 100)));
      }
      api.setTaxRate(token, "0.0825");
      out.put("unknown_keys_flood", measure(api, keys, products));
    }
  }

  private Map<String, Object> measure(PosApi api, List<String> keys, List<String> products) throws Exception {
    String[] names = {"quiet", "flood"};
    List<List<Double>> perRound = List.of(new ArrayList<>(), new ArrayList<>());
    Samples[] all = {new Samples(), new Samples()};
    long[] sales = new long[2];
    double[] seconds = new double[2];
    Map<Integer, Long> floodAnswers = new TreeMap<>();
    AtomicLong failures = new AtomicLong();
    ExecutorService registers = Executors.newFixedThreadPool(keys.size(), daemon("bench-register"));
    ExecutorService flood = Executors.newFixedThreadPool(FLOOD_THREADS, daemon("bench-flood"));
    int total = o.posWarmupRounds + o.posRounds;
    long started = System.nanoTime();
    try {
      for (int round = 0; round < total; round++) {
        boolean measured = round >= o.posWarmupRounds;
        StringBuilder line = new StringBuilder();
        for (int k = 0; k < 2; k++) {
          int v = (k + round) % 2;
          CountDownLatch go = new CountDownLatch(1);
          long sliceNanos = o.posSliceMillis * 1_000_000L;
          List<Future<Samples>> selling = new ArrayList<>();
          for (int t = 0; t < keys.size(); t++) {
            String key = keys.get(t);
            long seed = round * 1_000_003L + t;
            selling.add(registers.submit(PosRun.selling(api, key, seed, sliceNanos, products, go, failures)));
          }
          List<Future<Map<Integer, Long>>> flooding = new ArrayList<>();
          if (v == 1) {
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < FLOOD_THREADS; t++) {
              flooding.add(flood.submit(() -> {
                Map<Integer, Long> statuses = new TreeMap<>();
                go.await();
                long end = System.nanoTime() + sliceNanos;
                // the keys spread over the slice: 1,000 in the 3 s a slice lasts by default
                long pause = sliceNanos * FLOOD_THREADS / UNKNOWN_KEYS;
                for (int i = next.getAndIncrement(); i < UNKNOWN_KEYS && System.nanoTime() < end; i = next.getAndIncrement()) {
                  long t0 = System.nanoTime();
                  String made = "trk_" + UUID.randomUUID().toString().replace("-", "") + "x" + i;
                  statuses.merge(api.call("GET", "/api/products", made, null).status(), 1L, Long::sum);
                  long left = pause - (System.nanoTime() - t0);
                  if (left > 0) {
                    Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
                  }
                }
                return statuses;
              }));
            }
          }
          long t0 = System.nanoTime();
          go.countDown();
          Samples slice = new Samples();
          for (Future<Samples> f : selling) {
            slice.addAll(f.get());
          }
          double secs = (System.nanoTime() - t0) / 1e9;
          for (Future<Map<Integer, Long>> f : flooding) {
            Map<Integer, Long> statuses = f.get();
            if (measured) {
              statuses.forEach((s, n) -> floodAnswers.merge(s, n, Long::sum));
            }
          }
          double rate = slice.size() / secs;
          if (measured) {
            all[v].addAll(slice);
            perRound.get(v).add(rate);
            sales[v] += slice.size();
            seconds[v] += secs;
          }
          line.append(String.format(Locale.ROOT, " %s=%.0f/s (p50 %.1f ms)", names[v], rate, slice.quantile(0.5) / 1e6));
        }
        System.out.printf(Locale.ROOT, "  round %d/%d %s (%.0f s)%s%n", round + 1, total, measured ? "measured" : "warm-up",
            (System.nanoTime() - started) / 1e9, line);
      }
    } finally {
      registers.shutdownNow();
      flood.shutdownNow();
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " real sales were not answered 201");
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("registers", keys.size());
    r.put("unknown_keys_per_slice", UNKNOWN_KEYS);
    r.put("flood_threads", FLOOD_THREADS);
    Map<String, Object> variants = new LinkedHashMap<>();
    for (int v = 0; v < 2; v++) {
      variants.put(names[v], PosRun.variant(sales[v], seconds[v], all[v], perRound.get(v)));
    }
    r.put("variants", variants);
    Map<String, Object> answers = new LinkedHashMap<>();
    floodAnswers.forEach((s, n) -> answers.put(Integer.toString(s), n));
    r.put("flood_answers", answers);
    List<Double> ratios = Stats.ratios(perRound.get(1), perRound.get(0));
    r.put("ratio", Stats.median(ratios));
    r.put("round_ratio_p25", Stats.quantile(ratios, 0.25));
    r.put("round_ratio_p75", Stats.quantile(ratios, 0.75));
    r.put("total_ratio", (sales[1] / seconds[1]) / (sales[0] / seconds[0]));
    System.out.printf(Locale.ROOT, "  real sales/s quiet %.0f (p50 %.1f ms), flood %.0f (p50 %.1f ms); flood answers %s;"
            + " median per-round ratio flood/quiet %.3f%n", sales[0] / seconds[0], all[0].quantile(0.5) / 1e6,
        sales[1] / seconds[1], all[1].quantile(0.5) / 1e6, answers, Stats.median(ratios));
    return r;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
