package io.tenantry.benchmarks.harness;

import io.tenantry.benchmarks.pos.Op;
import io.tenantry.benchmarks.pos.OpInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs the slots one after another in short slices, round after round, with a rotating order
 * (ABCD, BCDA, CDAB, ...), so that drift of the machine hits every slot alike. In each slice
 * {@code threads} clients run one operation back to back against one slot; the same seeds give every
 * slot the same arguments. The first {@code warmupRounds} rounds are not recorded.
 */
public final class Interleaved {

  /** What one slot did for one operation over the measured rounds. */
  public static final class Result {
    public final List<Double> perRoundOpsPerSecond = new ArrayList<>();
    /** The p50 latency (ns) of each measured round's slice. */
    public final List<Double> perRoundP50 = new ArrayList<>();
    public final Samples latencies = new Samples();
    public long operations;
    public double seconds;
    /** CPU time the client threads spent (the JVM side: Hibernate, Tenantry, the driver), summed. */
    public long clientCpuNanos;

    /** Client (JVM) CPU per operation in microseconds: what the ORM and Tenantry cost, whatever the core count. */
    public double clientCpuMicrosPerOp() {
      return clientCpuNanos / 1e3 / operations;
    }

    public double opsPerSecond() {
      return operations / seconds;
    }
  }

  private final List<Slot> slots;
  private final List<Op> ops;
  private final int threads;
  private final int warmupRounds;
  private final int rounds;
  private final long sliceNanos;
  private final Map<String, Map<Op, Result>> results = new LinkedHashMap<>();

  public Interleaved(List<Slot> slots, List<Op> ops, int threads, int warmupRounds, int rounds, long sliceMillis) {
    this.slots = List.copyOf(slots);
    this.ops = List.copyOf(ops);
    this.threads = threads;
    this.warmupRounds = warmupRounds;
    this.rounds = rounds;
    this.sliceNanos = TimeUnit.MILLISECONDS.toNanos(sliceMillis);
    for (Slot s : slots) {
      Map<Op, Result> m = new LinkedHashMap<>();
      ops.forEach(op -> m.put(op, new Result()));
      results.put(s.key(), m);
    }
  }

  public Map<String, Map<Op, Result>> run() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-client");
      t.setDaemon(true);
      return t;
    });
    try {
      long started = System.nanoTime();
      int total = warmupRounds + rounds;
      for (int round = 0; round < total; round++) {
        boolean measured = round >= warmupRounds;
        StringBuilder line = new StringBuilder();
        for (Op op : ops) {
          for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get((i + round) % slots.size());
            Result r = results.get(slot.key()).get(op);
            slice(pool, slot, op, round, measured ? r : null);
          }
        }
        if (measured) {
          for (Slot slot : slots) {
            double sum = 0;
            for (Op op : ops) {
              List<Double> pr = results.get(slot.key()).get(op).perRoundOpsPerSecond;
              sum += pr.get(pr.size() - 1);
            }
            line.append(String.format(Locale.ROOT, " %s=%.0f", slot.key(), sum / ops.size()));
          }
        }
        System.out.printf(Locale.ROOT, "  round %d/%d %s (%.0f s)%s%n", round + 1, total,
            measured ? "measured, mean ops/s per slot:" : "warm-up", (System.nanoTime() - started) / 1e9, line);
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  private void slice(ExecutorService pool, Slot slot, Op op, int round, Result into) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<long[]>> futures = new ArrayList<>();
    List<Samples> samples = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = (round * 1_000_003L + op.ordinal() * 7919L + t) * 0x9E3779B97F4A7C15L;
      Samples mine = new Samples();
      samples.add(mine);
      futures.add(pool.submit(() -> client(slot, op, seed, start, mine)));
    }
    long begin = System.nanoTime();
    start.countDown();
    long ops = 0;
    long end = begin;
    long cpu = 0;
    for (Future<long[]> f : futures) {
      long[] r = f.get();
      ops += r[0];
      end = Math.max(end, r[1]);
      cpu += r[2];
    }
    if (into != null) {
      double seconds = (end - begin) / 1e9;
      into.operations += ops;
      into.seconds += seconds;
      into.clientCpuNanos += cpu;
      into.perRoundOpsPerSecond.add(ops / seconds);
      Samples slice = new Samples();
      samples.forEach(slice::addAll);
      into.perRoundP50.add(slice.quantile(0.5));
      into.latencies.addAll(slice);
    }
  }

  private long[] client(Slot slot, Op op, long seed, CountDownLatch start, Samples samples) throws Exception {
    SplittableRandom rng = new SplittableRandom(seed);
    OpInput in = new OpInput();
    start.await();
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu0 = mx.getCurrentThreadCpuTime();
    long deadline = System.nanoTime() + sliceNanos;
    long count = 0;
    long now;
    do {
      in.pick(op, slot.shape(), rng);
      long t0 = System.nanoTime();
      slot.workload().run(op, in);
      now = System.nanoTime();
      samples.add(now - t0);
      count++;
    } while (now < deadline);
    return new long[] {count, now, mx.getCurrentThreadCpuTime() - cpu0};
  }
}
