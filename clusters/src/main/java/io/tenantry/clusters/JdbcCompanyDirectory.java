package io.tenantry.clusters;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A directory kept in the table {@value #TABLE} of one database (typically on the home cluster, beside the global
 * tables), shared by every application instance. Each lookup is one primary-key read; every write is
 * compare-and-set. The column is named {@code company}, not {@code company_id}, on purpose: the directory is global
 * data, not a tenant table, and must stay out of the isolation audit and of company exports.
 *
 * <p>The DataSource must be a plain pool (not Tenantry's routing DataSource, which itself reads the directory) whose
 * login may read and write the table. {@link #ddl()} creates it.
 */
public final class JdbcCompanyDirectory implements CompanyDirectory {

  /** The directory table. */
  public static final String TABLE = "tenantry_company_placement";

  private final DataSource dataSource;

  private JdbcCompanyDirectory(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /**
   * A directory in the given database.
   *
   * @param dataSource a plain pool of the database that holds {@value #TABLE}
   * @return the directory
   */
  public static JdbcCompanyDirectory of(DataSource dataSource) {
    return new JdbcCompanyDirectory(dataSource);
  }

  /**
   * The table's DDL, for a migration; idempotent.
   *
   * @return the SQL
   */
  public static String ddl() {
    return "create table if not exists " + TABLE + " (\n"
        + "  company uuid primary key,\n"
        + "  cluster text not null,\n"
        + "  moving boolean not null default false,\n"
        + "  changed_at timestamptz not null default now()\n"
        + ");\n";
  }

  @Override
  public Optional<Placement> find(UUID companyId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select cluster, moving from " + TABLE + " where company = ?")) {
      ps.setObject(1, companyId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Placement(rs.getString(1), rs.getBoolean(2))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the company directory (" + TABLE + "): " + e.getMessage(), e);
    }
  }

  @Override
  public void place(UUID companyId, String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (update("insert into " + TABLE + " (company, cluster) values (?, ?) on conflict (company) do nothing",
        companyId, cluster) == 0) {
      throw new IllegalStateException("Company " + companyId + " is already placed ("
          + InMemoryCompanyDirectory.describe(find(companyId).orElse(null)) + "); move it with CompanyMove instead");
    }
  }

  @Override
  public void beginMove(UUID companyId, String from) {
    if (update("update " + TABLE + " set moving = true, changed_at = now() where company = ? and cluster = ?"
        + " and not moving", companyId, from) == 0) {
      throw new IllegalStateException("Company " + companyId + " cannot start moving away from " + from + ": it is "
          + InMemoryCompanyDirectory.describe(find(companyId).orElse(null)));
    }
  }

  @Override
  public void endMove(UUID companyId, String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    if (update("update " + TABLE + " set cluster = ?, moving = false, changed_at = now() where company = ?"
        + " and moving", cluster, companyId) == 0) {
      throw new IllegalStateException("Company " + companyId + " is not moving: it is "
          + InMemoryCompanyDirectory.describe(find(companyId).orElse(null)));
    }
  }

  @Override
  public void remove(UUID companyId) {
    update("delete from " + TABLE + " where company = ?", companyId);
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      int count = ps.executeUpdate();
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return count;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not write the company directory (" + TABLE + "): " + e.getMessage(), e);
    }
  }
}
