package io.tenantry.clusters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a company from its cluster to another, losing nothing:
 *
 * <ol>
 *   <li>the directory marks the company moving: its tenant connections are refused from now on
 *       ({@link CompanyMovingException}, retryable); the move waits until every connection this JVM's router had
 *       handed out for the company is closed ({@link #drain(Duration)}), then {@link #settle(Duration)} more for
 *       other application instances;</li>
 *   <li>export at the source (one snapshot), import at the target (one transaction, committed only when the
 *       target's counts and checksums equal the export's);</li>
 *   <li>the directory switches the company to the target and lets its connections through again;</li>
 *   <li>the source's rows are deleted, in one transaction and only if they still equal the export.</li>
 * </ol>
 *
 * If anything before the switch fails, the import is rolled back (or never committed), the directory places the
 * company back on the source, and the source is untouched. If the delete at the source fails after the switch,
 * the company lives on the target and the source keeps an unreachable copy, reported in {@link Result#sourceKept()}
 * (delete it with {@link CompanyData#delete} or the command's {@code delete}).
 */
public final class CompanyMove {

  private static final Logger LOG = LoggerFactory.getLogger(CompanyMove.class);

  private final CompanyClusters clusters;
  private Duration settle = Duration.ZERO;
  private Duration drain = Duration.ofSeconds(30);

  private CompanyMove(CompanyClusters clusters) {
    this.clusters = Objects.requireNonNull(clusters, "clusters");
  }

  /**
   * Moves between the clusters of one configuration; each needs a system DataSource.
   *
   * @param clusters the clusters and their directory
   * @return the mover
   */
  public static CompanyMove of(CompanyClusters clusters) {
    return new CompanyMove(clusters);
  }

  /**
   * How long to wait for the company's open connections (handed out by this JVM's router) to close before giving
   * the move up; 30 seconds by default.
   *
   * @param drain the longest wait
   * @return this
   */
  public CompanyMove drain(Duration drain) {
    this.drain = Objects.requireNonNull(drain, "drain");
    return this;
  }

  /**
   * How long to wait after the drain before copying, for other application instances (which share the directory but
   * not this JVM's count of open connections) to see the move and end their transactions; none by default. A write
   * that still lands at the source after the export is caught when the source's rows are compared with the export
   * before the delete: the source copy is then kept and reported in {@link Result#sourceKept()}, never deleted.
   *
   * @param settle the wait
   * @return this
   */
  public CompanyMove settle(Duration settle) {
    this.settle = Objects.requireNonNull(settle, "settle");
    return this;
  }

  /**
   * What a move did.
   *
   * @param companyId the company
   * @param from the source cluster
   * @param to the target cluster
   * @param manifest the rows moved
   * @param sourceKept {@code null} when the source's copy was deleted, else why it was kept
   */
  public record Result(UUID companyId, String from, String to, Manifest manifest, String sourceKept) {
  }

  /**
   * Moves a company.
   *
   * @param companyId the company
   * @param to the target cluster
   * @return what was moved
   * @throws CompanyNotPlacedException if the directory does not know the company
   * @throws IllegalStateException if the move failed before the switch (then nothing changed), with the cause
   */
  public Result move(UUID companyId, String to) {
    String from = clusters.clusterOf(companyId);
    if (from.equals(to)) {
      throw new IllegalArgumentException("Company " + companyId + " is already on cluster " + to);
    }
    CompanyData source = clusters.data(from);
    CompanyData target = clusters.data(to);
    clusters.directory().beginMove(companyId, from);
    Manifest manifest;
    Path file = null;
    try {
      if (!clusters.awaitClosed(companyId, drain)) {
        throw new IllegalStateException("connections of the company were still open after " + drain);
      }
      sleep(settle);
      file = Files.createTempFile("tenantry-move-" + companyId + "-", ".export");
      try (OutputStream out = Files.newOutputStream(file)) {
        manifest = source.export(companyId, out);
      }
      try (InputStream in = Files.newInputStream(file)) {
        target.importFrom(in);
      }
    } catch (IOException | RuntimeException e) {
      clusters.directory().endMove(companyId, from);
      throw new IllegalStateException("Moving company " + companyId + " from " + from + " to " + to + " failed before "
          + "the switch: the company stays on " + from + ", untouched, and the target was rolled back. Cause: "
          + e.getMessage(), e);
    } finally {
      deleteQuietly(file);
    }
    clusters.directory().endMove(companyId, to);
    LOG.info("Company {} moved from {} to {}: {} rows verified; deleting the source copy", companyId, from, to,
        manifest.rows());
    try {
      source.delete(companyId, manifest);
      return new Result(companyId, from, to, manifest, null);
    } catch (RuntimeException e) {
      LOG.warn("Company {} now lives on {}, but its copy on {} was kept: {}", companyId, to, from, e.getMessage());
      return new Result(companyId, from, to, manifest, e.getMessage());
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
