package io.tenantry.examples.register.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * One register's SQLite database: identity, sync state, catalog and sale journal.
 *
 * <p>A file is used only when it is provably this tool's: SQLite's header, this tool's
 * {@code application_id}, a schema version it understands, a passing {@code quick_check} and an
 * identity row. Anything else is refused before a single byte is written, so a mistyped
 * {@code --db} never damages another program's file. Every change is a SQLite transaction in WAL
 * mode, so a {@code kill -9} leaves either the state before or the state after it.
 */
public final class LocalDatabase implements AutoCloseable {

  /** {@code PRAGMA application_id} of a register database: "TREG". */
  static final int APPLICATION_ID = 0x54524547;
  /** {@code PRAGMA user_version} this code reads and writes. */
  static final int SCHEMA_VERSION = 1 + Schema.MIGRATIONS.size();

  private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final Connection connection;

  private LocalDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens an initialised register database, or refuses with a message that says why and what to do. */
  public static LocalDatabase open(Path file) {
    if (!Files.exists(file)) {
      throw new LocalDatabaseException("No register database at " + file + ". Create it with: register init --server URL"
          + " --key KEY --db " + file);
    }
    if (readHeader(file) == Header.EMPTY) {
      throw notInitialised(file);
    }
    LocalDatabase db = connect(file);
    try {
      if (db.verify() == State.EMPTY) {
        throw notInitialised(file);
      }
      db.upgrade();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * The identity of the register database at {@code file}, or empty when there is none yet (no
   * file, or an empty one that an interrupted {@code init} left). Refuses anything else that is
   * not a register database.
   */
  public static Optional<Identity> existingIdentity(Path file) {
    if (!Files.exists(file) || readHeader(file) == Header.EMPTY) {
      return Optional.empty();
    }
    try (LocalDatabase db = connect(file)) {
      return db.verify() == State.EMPTY ? Optional.empty() : Optional.of(db.identity());
    }
  }

  /**
   * Creates the register database (readable by its owner only) with its identity, in one
   * transaction: it exists complete or not at all.
   */
  public static LocalDatabase create(Path file, String serverUrl, String key, String storeId, String storeName) {
    if (existingIdentity(file).isPresent()) {
      throw new LocalDatabaseException(file + " is already a register database.");
    }
    createOwnerOnly(file);
    LocalDatabase db = connect(file);
    try {
      if (db.verify() != State.EMPTY) {
        throw new LocalDatabaseException(file + " changed while it was being initialised; try again.");
      }
      db.execute("pragma journal_mode = wal");
      db.inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          for (String ddl : Schema.DDL) {
            s.execute(ddl);
          }
          for (List<String> migration : Schema.MIGRATIONS) {
            for (String ddl : migration) {
              s.execute(ddl);
            }
          }
          s.execute("pragma application_id = " + APPLICATION_ID);
          s.execute("pragma user_version = " + SCHEMA_VERSION);
        }
        try (PreparedStatement p = c.prepareStatement("insert into register_identity(singleton, server_url, register_key,"
            + " store_id, store_name, initialised_at) values (1, ?, ?, ?, ?, ?)")) {
          p.setString(1, serverUrl);
          p.setString(2, key);
          p.setString(3, storeId);
          p.setString(4, storeName);
          p.setString(5, Instant.now().toString());
          p.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
          s.executeUpdate("insert into sync_state(singleton) values (1)");
        }
        return null;
      });
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The file this database lives in. */
  public Path file() {
    return file;
  }

  /** The register's identity. */
  public Identity identity() {
    return query("select server_url, register_key, store_id, store_name, register_id, initialised_at"
        + " from register_identity where singleton = 1", rs -> new Identity(rs.getString(1), rs.getString(2),
        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
        .orElseThrow(() -> notInitialised(file));
  }

  /** The sync state: cursor, tax rate and last sync. */
  public SyncState syncState() {
    return query("select cursor, tax_rate, last_sync_at, last_sync_changes from sync_state where singleton = 1",
        rs -> new SyncState(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
        .orElseThrow(() -> notInitialised(file));
  }

  /**
   * Whether commits wait for the disk ({@code FULL}: a recorded sale survives a power cut) or only
   * for the operating system ({@code NORMAL}: survives {@code kill -9}, which is all a lost "pushed"
   * mark needs, since re-sending a sale is harmless).
   */
  public void durableCommits(boolean full) {
    execute("pragma synchronous = " + (full ? "full" : "normal"));
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(SqlWork<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Runs one query and maps its first row. */
  public <T> Optional<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    List<T> rows = queryAll(sql, mapper, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs one query and maps every row. */
  public <T> List<T> queryAll(String sql, RowMapper<T> mapper, Object... parameters) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        p.setObject(i + 1, parameters[i]);
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Maps one row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** The catalog sync state; {@code cursor} is null until the first sync. */
  public record SyncState(String cursor, String taxRate, String lastSyncAt, int lastSyncChanges) {
    public boolean everSynced() {
      return cursor != null;
    }
  }

  // ---- opening and verifying ----

  private enum Header { EMPTY, SQLITE }

  private enum State { EMPTY, REGISTER }

  private static Header readHeader(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new LocalDatabaseException(file + " is not a regular file; refusing to use it as a register database.");
    }
    byte[] head = new byte[SQLITE_MAGIC.length];
    int read;
    try (InputStream in = Files.newInputStream(file)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new LocalDatabaseException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    if (read == 0) {
      return Header.EMPTY;
    }
    if (read < head.length || !Arrays.equals(head, SQLITE_MAGIC)) {
      throw new LocalDatabaseException(file + " is not a SQLite database, so not a register database (damaged, or"
          + " another file); refusing to use it. Restore it from a backup or point --db at the right file; this tool"
          + " never overwrites it.");
    }
    return Header.SQLITE;
  }

  private static LocalDatabase connect(Path file) {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(10_000);
    config.enforceForeignKeys(true);
    // take the write lock at BEGIN: two processes never both read, then both try to write
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    try {
      return new LocalDatabase(file, config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    } catch (SQLException e) {
      throw new LocalDatabaseException("Cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads only: nothing is written to a file before it is known to be ours. */
  private State verify() {
    try {
      int applicationId = pragmaInt("application_id");
      List<String> tables = queryAll("select name from sqlite_master where type = 'table' order by name",
          rs -> rs.getString(1));
      if (applicationId == 0 && tables.isEmpty()) {
        return State.EMPTY;
      }
      if (applicationId != APPLICATION_ID) {
        throw new LocalDatabaseException(file + " is a SQLite database of another application (application_id "
            + String.format("0x%08x", applicationId) + ", tables " + tables + "), not a register database; refusing"
            + " to touch it. Point --db at this register's file, or at a new file for a new register.");
      }
      List<String> check = queryAll("pragma quick_check", rs -> rs.getString(1));
      if (!check.equals(List.of("ok"))) {
        throw damaged(String.join("; ", check.subList(0, Math.min(3, check.size()))), null);
      }
      int version = pragmaInt("user_version");
      if (version < 1 || version > SCHEMA_VERSION) {
        throw new LocalDatabaseException(file + " is a register database of schema version " + version + "; this"
            + " register client reads versions 1 to " + SCHEMA_VERSION + ". Use the register client that wrote it"
            + " (or a newer one).");
      }
      if (!tables.containsAll(Schema.TABLES)) {
        throw damaged("tables missing: expected " + Schema.TABLES + ", found " + tables, null);
      }
      return State.REGISTER;
    } catch (LocalDatabaseException e) {
      if (e.getCause() instanceof SQLException sql) {
        // SQLITE_CORRUPT, SQLITE_NOTADB and friends while reading the schema
        throw damaged(sql.getMessage(), sql);
      }
      throw e;
    }
  }

  /**
   * Brings a verified file of an older schema version up to {@link #SCHEMA_VERSION}, all versions in one
   * transaction (the file is the old version or the new one, never between) and only once the file is
   * known to be ours. Pending sales keep their {@code clientSaleId}, so they still land exactly once.
   */
  private void upgrade() {
    int version = pragmaInt("user_version");
    if (version == SCHEMA_VERSION) {
      return;
    }
    inTransaction(c -> {
      // re-read under the write lock: another process may have upgraded the file meanwhile
      int current;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("pragma user_version")) {
        current = rs.next() ? rs.getInt(1) : 0;
      }
      try (Statement s = c.createStatement()) {
        for (int v = current; v < SCHEMA_VERSION; v++) {
          for (String ddl : Schema.MIGRATIONS.get(v - 1)) {
            s.execute(ddl);
          }
        }
        s.execute("pragma user_version = " + SCHEMA_VERSION);
      }
      return null;
    });
  }

  private int pragmaInt(String name) {
    return query("pragma " + name, rs -> rs.getInt(1)).orElse(0);
  }

  private void execute(String sql) {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  private static void createOwnerOnly(Path file) {
    try {
      if (Files.exists(file)) {
        return; // an empty file an interrupted init left
      }
      if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        // the file holds the register key; SQLite gives its -wal and -shm files the same permissions
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (IOException e) {
      throw new LocalDatabaseException("Cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  private LocalDatabaseException damaged(String detail, Throwable cause) {
    return new LocalDatabaseException(file + " is a damaged register database (" + detail + "); refusing to use"
        + " it. Restore it from a backup; sales that were never pushed exist only in this file.", cause);
  }

  private static LocalDatabaseException notInitialised(Path file) {
    return new LocalDatabaseException(file + " is not initialised (empty). Initialise it with: register init"
        + " --server URL --key KEY --db " + file);
  }

  private LocalDatabaseException failure(SQLException e) {
    return new LocalDatabaseException("Local database " + file + " failed: " + e.getMessage(), e);
  }
}
