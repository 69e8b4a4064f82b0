package io.tenantry.benchmarks.db;

import java.sql.Connection;
import java.sql.SQLException;

/** One loaded database: its name, its shape, and the row-level-security DDL applied to it. */
public final class Dataset {

  private final BenchServer server;
  private final String name;
  private final Shape shape;
  private final String label;
  String policySql;

  Dataset(BenchServer server, String name, Shape shape, String label) {
    this.server = server;
    this.name = name;
    this.shape = shape;
    this.label = label;
  }

  public String name() {
    return name;
  }

  public Shape shape() {
    return shape;
  }

  public String label() {
    return label;
  }

  public String policySql() {
    return policySql;
  }

  Connection connect(String role) throws SQLException {
    return server.connect(name, role);
  }

  /** An admin (superuser) connection, for sizes and plans. */
  public Connection admin() throws SQLException {
    return server.admin(name);
  }
}
