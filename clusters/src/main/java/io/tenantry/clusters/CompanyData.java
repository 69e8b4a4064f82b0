package io.tenantry.clusters;

import io.tenantry.clusters.internal.CompanyTables;
import io.tenantry.clusters.internal.CompanyTables.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * One company's rows in one PostgreSQL database: export, import, verify and delete, for offboarding, data requests
 * and {@linkplain CompanyMove moves} between clusters. The tables come from the catalogs: the company table
 * ({@code tenantry_company} unless {@linkplain #companyTable named}), every table with a {@code company_id} column,
 * and tables whose primary key references one of those (JOINED subclass tables); rows are written in foreign-key
 * order (a table after the tables it references) and deleted in the reverse order.
 *
 * <p>The DataSource's login must see every row of the company: a superuser, a login with BYPASSRLS, or the system
 * login named in Tenantry's policies. Use a plain pool, not the routing or row-level-security DataSource.
 *
 * <p>Every operation is one transaction: an export reads one snapshot (REPEATABLE READ); an import writes every
 * row, compares the database's {@link Manifest} with the file's and commits only when they are equal; a delete
 * compares the rows with an expected manifest first and deletes only when they are unchanged. The export file is
 * text: a header line per table (row count, checksum, columns), then the rows in PostgreSQL's COPY text format.
 */
public final class CompanyData {

  static final String MAGIC = "TENANTRY COMPANY EXPORT 1";
  private static final String END_OF_ROWS = "\\.";
  /** Settings that make the text of values (and so checksums and COPY data) the same on every cluster. */
  private static final String SETTINGS = "set local timezone = 'UTC'; set local datestyle = 'ISO, YMD';"
      + " set local intervalstyle = 'postgres'; set local extra_float_digits = 3; set local bytea_output = 'hex'";

  private final DataSource dataSource;
  private String schema = "public";
  private String companyTable = "tenantry_company";

  private CompanyData(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * Company data in the database behind a DataSource whose login sees every row.
   *
   * @param dataSource a plain pool
   * @return the company data
   */
  public static CompanyData of(DataSource dataSource) {
    return new CompanyData(dataSource);
  }

  /**
   * The schema; {@code public} by default.
   *
   * @param schema the schema name
   * @return this
   */
  public CompanyData schema(String schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  /**
   * The table whose {@code id} is the company id; {@code tenantry_company} by default.
   *
   * @param table the table name
   * @return this
   */
  public CompanyData companyTable(String table) {
    this.companyTable = Objects.requireNonNull(table, "table");
    return this;
  }

  /**
   * The tables that hold company rows, in foreign-key order.
   *
   * @return the table names
   */
  public List<String> tables() {
    return inTransaction(true, c -> CompanyTables.read(c, schema, companyTable).stream().map(Table::name).toList());
  }

  /**
   * The company's manifest as the database holds it now.
   *
   * @param companyId the company
   * @return counts and checksums per table
   */
  public Manifest manifest(UUID companyId) {
    return inTransaction(true, c -> manifest(c, companyId, CompanyTables.read(c, schema, companyTable)));
  }

  /**
   * Writes the company's rows to {@code out} (which is not closed), from one snapshot.
   *
   * @param companyId the company
   * @param out where the export goes
   * @return the manifest written into the export
   * @throws IllegalArgumentException if the database has no such company
   */
  public Manifest export(UUID companyId, OutputStream out) {
    return inTransaction(true, c -> {
      List<Table> tables = CompanyTables.read(c, schema, companyTable);
      Manifest manifest = manifest(c, companyId, tables);
      if (manifest.tables().stream().noneMatch(t -> t.table().equals(companyTable) && t.rows() == 1)) {
        throw new IllegalArgumentException("Company " + companyId + " is not in " + companyTable + " of this database"
            + " (or this login cannot see it: CompanyData needs a login that sees every row)");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      try {
        line(out, MAGIC);
        line(out, "company " + companyId);
        for (int i = 0; i < tables.size(); i++) {
          Table table = tables.get(i);
          Manifest.TableData data = manifest.tables().get(i);
          line(out, "table " + table.name() + " rows " + data.rows() + " md5 " + data.checksum() + " columns "
              + String.join(",", table.columns()));
          CopyOut rows = copy.copyOut("copy (select " + columnList(table.columns(), "t.") + " from "
              + CompanyTables.qualified(schema, table.name()) + " t where " + table.where(companyId) + ") to stdout");
          byte[] buffer;
          while ((buffer = rows.readFromCopy()) != null) {
            out.write(buffer);
          }
          line(out, END_OF_ROWS);
        }
        line(out, "end");
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write the export of company " + companyId + ": " + e.getMessage(), e);
      }
      return manifest;
    });
  }

  /**
   * Reads an export and inserts its rows, in one transaction that commits only when the database's manifest of the
   * company then equals the export's. The company must not be in this database yet. Rows are written with
   * {@code COPY}; into a table whose row-level security applies to the login (a system login named in the policies,
   * not BYPASSRLS), which {@code COPY FROM} refuses, they are staged in a temporary table and inserted from it, so
   * that the policies check them: that login then needs the {@code TEMPORARY} privilege on the database.
   *
   * @param in the export (not closed)
   * @return the verified manifest
   * @throws CompanyDataMismatchException if the rows read back differ (rolled back)
   * @throws IllegalStateException if the database already holds rows of the company (nothing written)
   */
  public Manifest importFrom(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return inTransaction(false, c -> {
      List<Table> tables = CompanyTables.read(c, schema, companyTable);
      Map<String, Table> byName = tables.stream().collect(Collectors.toMap(Table::name, Function.identity()));
      UUID companyId = readHeader(reader);
      Manifest before = manifest(c, companyId, tables);
      if (before.rows() > 0) {
        throw new IllegalStateException("This database already holds " + before.rows() + " rows of company "
            + companyId + "; nothing was imported. Delete them first (CompanyData.delete) if they are a leftover copy");
      }
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      List<Manifest.TableData> expected = new ArrayList<>();
      String line;
      while (!(line = next(reader)).equals("end")) {
        String[] h = line.split(" ");
        if (h.length != 8 || !h[0].equals("table") || !h[2].equals("rows") || !h[4].equals("md5")
            || !h[6].equals("columns")) {
          throw new IllegalArgumentException("The company export is truncated or damaged: unexpected line '" + line + "'");
        }
        Table table = byName.get(h[1]);
        if (table == null) {
          throw new IllegalStateException("The export has table " + h[1] + ", which this database lacks (or which "
              + "holds no company_id here); migrate the schema to the export's version first");
        }
        List<String> columns = Arrays.asList(h[7].split(","));
        expected.add(new Manifest.TableData(h[1], columns, Long.parseLong(h[3]), h[5]));
        String target = CompanyTables.qualified(schema, table.name());
        // COPY FROM refuses a table whose row-level security applies to this login (one named in the policies
        // rather than BYPASSRLS): the rows then go through a temporary table and one INSERT, which the policies check
        boolean staged = rowSecurityActive(c, target);
        if (staged) {
          try (Statement st = c.createStatement()) {
            st.execute("create temporary table " + STAGE + " on commit drop as select " + columnList(columns, "")
                + " from " + target + " with no data");
          }
        }
        CopyIn rows = copy.copyIn("copy " + (staged ? STAGE : target) + " (" + columnList(columns, "")
            + ") from stdin");
        try {
          while (!(line = next(reader)).equals(END_OF_ROWS)) {
            byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
            rows.writeToCopy(bytes, 0, bytes.length);
          }
          rows.endCopy();
        } finally {
          if (rows.isActive()) {
            rows.cancelCopy();
          }
        }
        if (staged) {
          try (Statement st = c.createStatement()) {
            st.execute("insert into " + target + " (" + columnList(columns, "") + ") select " + columnList(columns, "")
                + " from " + STAGE);
            st.execute("drop table " + STAGE);
          }
        }
      }
      Manifest wanted = new Manifest(companyId, expected);
      Manifest got = manifest(c, companyId, tables.stream().map(t -> {
        Manifest.TableData e = expected.stream().filter(x -> x.table().equals(t.name())).findFirst().orElse(null);
        return e == null ? t : new Table(t.name(), e.columns(), t.condition());
      }).toList());
      List<String> differences = wanted.differences(got);
      if (!differences.isEmpty()) {
        throw new CompanyDataMismatchException("The import of company " + companyId + " does not read back as "
            + "exported", differences);
      }
      return got;
    });
  }

  /** The temporary table an import stages a table's rows in when row-level security applies to the login. */
  private static final String STAGE = "tenantry_import_stage";

  private static boolean rowSecurityActive(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select row_security_active(?::regclass)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * Compares the database's rows of the company with an export's manifest.
   *
   * @param expected the manifest (e.g. of {@link #readManifest})
   * @return the differences; empty when the database holds exactly the exported rows
   */
  public List<String> verify(Manifest expected) {
    return inTransaction(true, c -> expected.differences(manifest(c, expected.companyId(),
        withColumns(CompanyTables.read(c, schema, companyTable), expected))));
  }

  /**
   * Deletes every row of the company, in reverse foreign-key order, in one transaction.
   *
   * @param companyId the company
   * @param expected the rows the caller means to delete (the manifest of its export), or {@code null} to delete
   *     whatever is there; when given and the rows differ (they changed since the export), nothing is deleted
   * @return the manifest of what was deleted
   * @throws CompanyDataMismatchException if the rows differ from {@code expected}
   */
  public Manifest delete(UUID companyId, Manifest expected) {
    return inTransaction(false, c -> {
      List<Table> tables = CompanyTables.read(c, schema, companyTable);
      if (expected != null) {
        tables = withColumns(tables, expected);
      }
      Manifest now = manifest(c, companyId, tables);
      if (expected != null) {
        List<String> differences = expected.differences(now);
        if (!differences.isEmpty()) {
          throw new CompanyDataMismatchException("The rows of company " + companyId + " changed since the export; "
              + "export again before deleting", differences);
        }
      }
      try (Statement s = c.createStatement()) {
        for (int i = tables.size() - 1; i >= 0; i--) {
          Table table = tables.get(i);
          s.executeUpdate("delete from " + CompanyTables.qualified(schema, table.name()) + " t where "
              + table.where(companyId));
        }
      }
      return now;
    });
  }

  /**
   * Reads the manifest of an export without importing it (its table lines sit between the rows, so this reads the
   * whole stream).
   *
   * @param in the export (not closed)
   * @return its manifest
   */
  public static Manifest readManifest(InputStream in) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      UUID companyId = readHeader(reader);
      List<Manifest.TableData> tables = new ArrayList<>();
      String line;
      while (!(line = next(reader)).equals("end")) {
        String[] h = line.split(" ");
        if (h.length != 8 || !h[0].equals("table")) {
          throw new IllegalArgumentException("The company export is truncated or damaged: unexpected line '" + line + "'");
        }
        tables.add(new Manifest.TableData(h[1], Arrays.asList(h[7].split(",")), Long.parseLong(h[3]), h[5]));
        while (!next(reader).equals(END_OF_ROWS)) {
          // rows
        }
      }
      return new Manifest(companyId, tables);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Table> withColumns(List<Table> tables, Manifest expected) {
    return tables.stream().map(t -> expected.tables().stream().filter(x -> x.table().equals(t.name())).findFirst()
        .map(x -> new Table(t.name(), x.columns(), t.condition())).orElse(t)).toList();
  }

  private Manifest manifest(Connection c, UUID companyId, List<Table> tables) throws SQLException {
    List<Manifest.TableData> data = new ArrayList<>();
    try (Statement s = c.createStatement()) {
      for (Table table : tables) {
        String row = "row(" + columnList(table.columns(), "t.") + ")::text";
        try (ResultSet rs = s.executeQuery("select count(*), md5(coalesce(string_agg(" + row + ", E'\\n' order by "
            + row + " collate \"C\"), '')) from " + CompanyTables.qualified(schema, table.name()) + " t where "
            + table.where(companyId))) {
          rs.next();
          data.add(new Manifest.TableData(table.name(), table.columns(), rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return new Manifest(companyId, data);
  }

  private static UUID readHeader(BufferedReader reader) throws IOException {
    String magic = reader.readLine();
    if (!MAGIC.equals(magic)) {
      throw new IllegalArgumentException("Not a Tenantry company export (first line '" + magic + "', expected '"
          + MAGIC + "')");
    }
    String company = next(reader);
    if (!company.startsWith("company ")) {
      throw new IllegalArgumentException("Not a Tenantry company export: second line '" + company + "'");
    }
    return UUID.fromString(company.substring("company ".length()));
  }

  private static String next(BufferedReader reader) throws IOException {
    String line = reader.readLine();
    if (line == null) {
      throw new IllegalArgumentException("The company export ends early: it is truncated");
    }
    return line;
  }

  private static String columnList(List<String> columns, String prefix) {
    return columns.stream().map(col -> prefix + CompanyTables.quote(col))
        .collect(Collectors.joining(", "));
  }

  private static void line(OutputStream out, String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  private <T> T inTransaction(boolean readOnly, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        try (Statement s = c.createStatement()) {
          s.execute(SETTINGS);
        }
        T result = work.run(c);
        if (readOnly) {
          c.rollback();
        } else {
          c.commit();
        }
        return result;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Company data (schema " + schema + "): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
