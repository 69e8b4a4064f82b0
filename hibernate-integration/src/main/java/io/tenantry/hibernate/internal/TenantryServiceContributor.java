package io.tenantry.hibernate.internal;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.QuerySettings;
import org.hibernate.persister.internal.PersisterClassResolverInitiator;
import org.hibernate.service.spi.ServiceContributor;

/**
 * Service-loaded by Hibernate: wraps the second-level cache ({@link TenantCaching}), installs the
 * insert guard ({@link TenantrySqmTranslatorFactory}) and
 * {@link TenantryPersisterClassResolver}, unless the application
 * names a persister resolver of its own (then {@link TenantryIntegrator} refuses to start while
 * tenant-owned entities are mapped). No setting turns scoping off: a measurement without it builds its
 * own Hibernate setup.
 */
public final class TenantryServiceContributor implements ServiceContributor {

  @Override
  public void contribute(StandardServiceRegistryBuilder builder) {
    if (!builder.getSettings().containsKey(PersisterClassResolverInitiator.IMPL_NAME)) {
      builder.applySetting(PersisterClassResolverInitiator.IMPL_NAME, TenantryPersisterClassResolver.class.getName());
    }
    if (!builder.getSettings().containsKey(QuerySettings.SEMANTIC_QUERY_TRANSLATOR)) {
      builder.applySetting(QuerySettings.SEMANTIC_QUERY_TRANSLATOR, TenantrySqmTranslatorFactory.class.getName());
    }
    // the configured second-level cache, wrapped so that caching never changes what a query returns
    builder.addInitiator(new TenantCaching.Initiator());
  }
}
