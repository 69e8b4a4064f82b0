package io.tenantry.examples.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.LocalDatabase;
import io.tenantry.examples.register.local.SaleJournal;
import java.nio.file.Path;
import java.util.List;

/** Running commands and reading a register's journal, for the tests. */
final class RegisterTestSupport {

  private RegisterTestSupport() {}

  /** Runs a command and requires the exit code. */
  static Cli.Result expect(int exitCode, Object... args) {
    String[] text = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      text[i] = String.valueOf(args[i]);
    }
    Cli.Result result = Cli.run(text);
    assertThat(result.exitCode()).as("register %s\n%s", String.join(" ", text), result).isEqualTo(exitCode);
    return result;
  }

  /** Runs a command and requires success. */
  static Cli.Result ok(Object... args) {
    return expect(ExitCodes.OK, args);
  }

  /** {@code init} and {@code sync} a register database. */
  static Path register(Path db, String serverUrl, String key) {
    ok("init", "--server", serverUrl, "--key", key, "--db", db);
    ok("sync", "--db", db);
    return db;
  }

  /** Every sale in a register's journal, oldest first. */
  static List<SaleJournal.Entry> journal(Path db) {
    try (LocalDatabase local = LocalDatabase.open(db)) {
      return new SaleJournal(local).entries();
    }
  }

  static long count(List<SaleJournal.Entry> sales, String status) {
    return sales.stream().filter(s -> s.status().equals(status)).count();
  }
}
