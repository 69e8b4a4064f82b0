package io.tenantry.hibernate.internal;

import java.util.Map;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.persister.internal.PersisterClassResolverInitiator;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Service-loaded by Hibernate: installs {@link TenantryPersisterClassResolver}, unless the application
 * names a persister resolver of its own (then {@link TenantryIntegrator} refuses to start while
 * tenant-owned entities are mapped) or turns scoping off for a benchmark.
 */
public final class TenantryServiceContributor implements ServiceContributor {

  /**
   * {@code true} turns Tenantry's query scoping off: Hibernate's standard persisters, no tenant
   * conditions. Exists only so that a benchmark can measure the same application without isolation;
   * the integrator logs an error-level banner when it is set. Any other value than {@code true} or
   * {@code false} stops the start.
   */
  public static final String SCOPING_OFF_PROPERTY = "tenantry.benchmark.scoping-off";

  static boolean scopingOff(Map<?, ?> settings) {
    Object value = settings.get(SCOPING_OFF_PROPERTY);
    if (value == null || "false".equals(value.toString())) {
      return false;
    }
    if ("true".equals(value.toString())) {
      return true;
    }
    throw new IllegalArgumentException(SCOPING_OFF_PROPERTY + " must be true or false, not \"" + value + "\"");
  }

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    if (scopingOff(builder.getSettings())) {
      return;
    }
    if (!builder.getSettings().containsKey(PersisterClassResolverInitiator.IMPL_NAME)) {
      builder.applySetting(PersisterClassResolverInitiator.IMPL_NAME, TenantryPersisterClassResolver.class.getName());
    }
  }
}
