package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static io.tenantry.examples.register.RegisterTestSupport.ok;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local database that is not provably this register's is refused, with a message and exit code 3, and left untouched. */
class LocalDatabaseRefusalTest {

  @TempDir
  Path dir;

  @Test
  void anyCommand_withoutDatabase_saysHowToCreateOne() {
    Path db = dir.resolve("missing.db");
    for (String command : new String[] {"sync", "sell", "push", "status"}) {
      String[] args = command.equals("sell") ? new String[] {command, "MILK", "--db", db.toString()}
          : new String[] {command, "--db", db.toString()};
      assertThat(expect(ExitCodes.LOCAL_DATABASE, (Object[]) args).err())
          .contains("No register database at " + db).contains("register init --server URL --key KEY");
    }
    assertThat(db).doesNotExist();
  }

  @Test
  void open_fileThatIsNotSqlite_isRefusedAndUntouched() throws Exception {
    Path db = dir.resolve("notes.db");
    Files.writeString(db, "shopping list: milk, bread, eggs, and this line is long enough for a header\n");
    byte[] before = Files.readAllBytes(db);

    assertThat(expect(ExitCodes.LOCAL_DATABASE, "status", "--db", db).err()).contains("is not a SQLite database");
    assertThat(expect(ExitCodes.LOCAL_DATABASE, "init", "--server", "http://127.0.0.1:9", "--key", "trk_x", "--db", db)
        .err()).contains("is not a SQLite database");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void open_sqliteDatabaseOfAnotherApplication_isRefusedAndUntouched() throws Exception {
    Path db = dir.resolve("browser-history.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement s = c.createStatement()) {
      s.execute("create table visits (url text)");
      s.execute("insert into visits values ('https://example.com')");
    }
    byte[] before = Files.readAllBytes(db);

    for (String command : new String[] {"status", "push", "sync"}) {
      assertThat(expect(ExitCodes.LOCAL_DATABASE, command, "--db", db).err())
          .contains("a SQLite database of another application").contains("[visits]");
    }
    assertThat(expect(ExitCodes.LOCAL_DATABASE, "init", "--server", "http://127.0.0.1:9", "--key", "trk_x", "--db", db)
        .err()).contains("another application");
    assertThat(Files.readAllBytes(db)).isEqualTo(before);
  }

  @Test
  void open_damagedRegisterDatabase_isRefused() throws Exception {
    PosServer pos = PosServer.get();
    PosApi owner = PosApi.newCompany(pos.url, "Damaged Goods");
    String store = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    Path db = register(dir.resolve("r1.db"), pos.url, owner.register(store, "R1").key());
    ok("sell", "MILK", "--repeat", 50, "--db", db);

    try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
      // pages 2 and on hold the tables and indexes: overwrite them
      byte[] garbage = "garbage!".repeat(512).getBytes(StandardCharsets.US_ASCII);
      for (long page = 1; page * 4096 < file.length(); page++) {
        file.seek(page * 4096);
        file.write(garbage);
      }
    }
    Cli.Result refused = expect(ExitCodes.LOCAL_DATABASE, "push", "--db", db);
    assertThat(refused.err()).contains("is a damaged register database").contains("Restore it from a backup");
  }

  @Test
  void init_databaseOfAnotherRegister_isRefused_andKeepsItsIdentityAndSales() throws Exception {
    PosServer pos = PosServer.get();
    PosApi owner = PosApi.newCompany(pos.url, "Two Registers");
    String store = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    PosApi.Register r1 = owner.register(store, "R1");
    PosApi.Register r2 = owner.register(store, "R2");
    Path db = register(dir.resolve("r1.db"), pos.url, r1.key());
    ok("sell", "MILK", "--db", db);

    Cli.Result otherKey = expect(ExitCodes.LOCAL_DATABASE, "init", "--server", pos.url, "--key", r2.key(), "--db", db);
    assertThat(otherKey.err()).contains("already the database of a register of store 'Main St'")
        .contains("Use another --db file").doesNotContain(r1.key()).doesNotContain(r2.key());
    Cli.Result otherServer = expect(ExitCodes.LOCAL_DATABASE, "init", "--server", "http://127.0.0.1:9", "--key",
        r1.key(), "--db", db);
    assertThat(otherServer.err()).contains("refusing to re-initialise it for http://127.0.0.1:9");

    assertThat(ok("init", "--server", pos.url, "--key", r1.key(), "--db", db).out()).contains("already initialised");
    assertThat(ok("status", "--db", db).out()).contains("Pending:   1 sale, 3.99");
    if (Files.getFileStore(db).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
    }
  }

  @Test
  void init_withAWrongKey_createsNoDatabase() {
    Path db = dir.resolve("r1.db");
    Cli.Result refused = expect(ExitCodes.SERVER_REFUSED, "init", "--server", PosServer.get().url, "--key",
        "trk_not-a-key", "--db", db);
    assertThat(refused.err()).contains("refused this register").contains("HTTP 401");
    assertThat(db).doesNotExist();
  }

  @Test
  void init_emptyFileLeftByAnInterruptedInit_isInitialised() throws Exception {
    PosServer pos = PosServer.get();
    PosApi owner = PosApi.newCompany(pos.url, "Interrupted");
    String store = owner.store("Main St");
    Path db = Files.createFile(dir.resolve("r1.db"));

    assertThat(expect(ExitCodes.LOCAL_DATABASE, "status", "--db", db).err()).contains("is not initialised");
    ok("init", "--server", pos.url, "--key", owner.register(store, "R1").key(), "--db", db);
    assertThat(ok("status", "--db", db).out()).contains("Store:     Main St");
  }
}
