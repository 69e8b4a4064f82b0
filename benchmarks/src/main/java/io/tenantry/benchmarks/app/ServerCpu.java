package io.tenantry.benchmarks.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the PostgreSQL backends serving one POS, from {@code /proc/<pid>/stat} of the backends that
 * {@code pg_stat_activity} lists for its logins in its database (the server must run on this machine, as the
 * machine's server and the embedded one do; otherwise every reading is -1). Clock-tick resolution (10 ms),
 * enough over a slice of hundreds of sales.
 */
public final class ServerCpu {

  private static final long NANOS_PER_TICK = 10_000_000L; // CLK_TCK 100 on Linux
  private final Connection admin;
  private final String database;

  public ServerCpu(Connection admin, String database) {
    this.admin = admin;
    this.database = database;
  }

  /** Backend pid to its CPU so far (ns), for the backends of these logins in the database (this connection excluded). */
  public Map<Integer, Long> snapshot(List<String> users) throws SQLException {
    Map<Integer, Long> cpu = new HashMap<>();
    try (PreparedStatement ps = admin.prepareStatement("select pid from pg_stat_activity where datname = ?"
        + " and usename = any (?) and pid <> pg_backend_pid()")) {
      ps.setString(1, database);
      ps.setArray(2, admin.createArrayOf("text", users.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long c = read(rs.getInt(1));
          if (c >= 0) {
            cpu.put(rs.getInt(1), c);
          }
        }
      }
    }
    return cpu;
  }

  /** CPU used between two snapshots; backends that appeared in between count from zero. -1 when unreadable. */
  public static long between(Map<Integer, Long> before, Map<Integer, Long> after) {
    if (after.isEmpty()) {
      return -1;
    }
    long sum = 0;
    for (Map.Entry<Integer, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }

  private static long read(int pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state is field 3, utime field 14, stime field 15
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
