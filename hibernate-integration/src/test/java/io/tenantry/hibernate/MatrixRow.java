package io.tenantry.hibernate;

import java.util.List;
import java.util.function.Consumer;

/**
 * One row of an isolation matrix ({@link ScopingMatrixTest}, {@link WriteGuardMatrixTest}): an
 * operation, what it does to the caller's own row, to another company's, to another store's and with no
 * tenant bound ("—": not applicable, or proven elsewhere), and the checks of the test class that prove it.
 * The row's text is the parameterized test's name, so the matrix is read in the test report.
 */
record MatrixRow<T>(String operation, String own, String otherCompany, String otherStore, String noTenant,
    List<Consumer<T>> checks) {

  @SafeVarargs
  static <T> MatrixRow<T> row(String operation, String own, String otherCompany, String otherStore, String noTenant,
      Consumer<T>... checks) {
    return new MatrixRow<>(operation, own, otherCompany, otherStore, noTenant, List.of(checks));
  }

  /** A row whose outcome is one for every target. */
  @SafeVarargs
  static <T> MatrixRow<T> across(String operation, String outcome, Consumer<T>... checks) {
    return new MatrixRow<>(operation, outcome, outcome, outcome, outcome, List.of(checks));
  }

  void runOn(T test) {
    checks.forEach(check -> check.accept(test));
  }

  @Override
  public String toString() {
    return own.equals(otherCompany) && own.equals(otherStore) && own.equals(noTenant)
        ? operation + ": " + own
        : operation + " | own: " + own + " | other company: " + otherCompany + " | other store: " + otherStore
            + " | no tenant: " + noTenant;
  }
}
