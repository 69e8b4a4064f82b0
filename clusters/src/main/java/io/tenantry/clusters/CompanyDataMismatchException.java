package io.tenantry.clusters;

import java.util.List;

/**
 * The rows of a company did not match what was expected (an import's verification, a delete whose rows changed
 * since the export); the operation was rolled back, nothing was changed.
 */
public class CompanyDataMismatchException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> differences;

  /**
   * Creates the exception.
   *
   * @param what what was refused
   * @param differences one line per table that differs
   */
  public CompanyDataMismatchException(String what, List<String> differences) {
    super(what + "; rolled back, nothing changed. Differences:\n  " + String.join("\n  ", differences));
    this.differences = List.copyOf(differences);
  }

  /**
   * The differences.
   *
   * @return one line per table
   */
  public List<String> differences() {
    return differences;
  }
}
