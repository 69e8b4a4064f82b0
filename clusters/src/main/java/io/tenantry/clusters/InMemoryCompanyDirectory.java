package io.tenantry.clusters;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory held in this JVM: for tests, and for a fixed placement read from configuration at start-up. It is
 * not shared between application instances; use {@link JdbcCompanyDirectory} when companies move.
 */
public final class InMemoryCompanyDirectory implements CompanyDirectory {

  private final Map<UUID, Placement> placements = new ConcurrentHashMap<>();

  @Override
  public Optional<Placement> find(UUID companyId) {
    return Optional.ofNullable(placements.get(companyId));
  }

  @Override
  public void place(UUID companyId, String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    Placement before = placements.putIfAbsent(companyId, new Placement(cluster, false));
    if (before != null) {
      throw new IllegalStateException("Company " + companyId + " is already placed on " + before.cluster()
          + "; move it with CompanyMove instead of placing it again");
    }
  }

  @Override
  public void beginMove(UUID companyId, String from) {
    if (!placements.replace(companyId, new Placement(from, false), new Placement(from, true))) {
      throw new IllegalStateException("Company " + companyId + " cannot start moving away from " + from + ": it is "
          + describe(placements.get(companyId)));
    }
  }

  @Override
  public void endMove(UUID companyId, String cluster) {
    Objects.requireNonNull(cluster, "cluster");
    Placement now = placements.get(companyId);
    if (now == null || !now.moving() || !placements.replace(companyId, now, new Placement(cluster, false))) {
      throw new IllegalStateException("Company " + companyId + " is not moving: it is " + describe(now));
    }
  }

  @Override
  public void remove(UUID companyId) {
    placements.remove(companyId);
  }

  static String describe(Placement p) {
    return p == null ? "not placed" : (p.moving() ? "moving away from " : "on ") + p.cluster();
  }
}
