package io.tenantry.clusters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What a company's data is: per table (in foreign-key order) its columns, its row count and an MD5 checksum of its
 * rows' text, the rows sorted. Two databases hold the same data for a company when their manifests are equal.
 *
 * @param companyId the company
 * @param tables one entry per table that holds company rows
 */
public record Manifest(UUID companyId, List<TableData> tables) {

  /**
   * One table's part.
   *
   * @param table the table name
   * @param columns the columns the checksum covers, in order
   * @param rows the company's rows in it
   * @param checksum MD5 of the rows' text
   */
  public record TableData(String table, List<String> columns, long rows, String checksum) {

    /** Copies the columns. */
    public TableData {
      columns = List.copyOf(columns);
    }
  }

  /** Copies the tables. */
  public Manifest {
    Objects.requireNonNull(companyId, "companyId");
    tables = List.copyOf(tables);
  }

  /**
   * All rows of the company.
   *
   * @return the sum over the tables
   */
  public long rows() {
    return tables.stream().mapToLong(TableData::rows).sum();
  }

  /**
   * Where another manifest differs from this one, for messages.
   *
   * @param other the manifest to compare with, e.g. the target's after an import
   * @return one line per difference; empty when they are equal
   */
  public List<String> differences(Manifest other) {
    List<String> out = new ArrayList<>();
    if (!companyId.equals(other.companyId)) {
      out.add("company " + companyId + " vs " + other.companyId);
    }
    Map<String, TableData> theirs = new LinkedHashMap<>();
    other.tables.forEach(t -> theirs.put(t.table(), t));
    for (TableData mine : tables) {
      TableData t = theirs.remove(mine.table());
      if (t == null) {
        if (mine.rows() > 0) {
          out.add(mine.table() + ": " + mine.rows() + " rows here, table missing there");
        }
      } else if (mine.rows() != t.rows() || !mine.checksum().equals(t.checksum())) {
        out.add(mine.table() + ": " + mine.rows() + " rows (md5 " + mine.checksum() + ") here, " + t.rows()
            + " rows (md5 " + t.checksum() + ") there");
      }
    }
    theirs.values().stream().filter(t -> t.rows() > 0)
        .forEach(t -> out.add(t.table() + ": table missing here, " + t.rows() + " rows there"));
    return out;
  }

  /**
   * A manifest with the same table parts for these tables only (to compare a file with a database).
   *
   * @param tableNames the names to keep
   * @return the narrowed manifest
   */
  Manifest only(java.util.Set<String> tableNames) {
    return new Manifest(companyId, tables.stream().filter(t -> tableNames.contains(t.table())).toList());
  }
}
