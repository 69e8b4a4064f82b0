package io.tenantry.hibernate.internal;

import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import org.hibernate.HibernateException;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.persister.internal.PersisterClassResolverInitiator;
import org.hibernate.persister.spi.PersisterClassResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service-loaded by Hibernate: when the mapping contains tenant-owned entities, checks that the
 * tenant identifier resolver and the persisters are Tenantry's, marks their collections for system
 * sessions and registers the {@link TenantGuard} listeners.
 */
public final class TenantryIntegrator implements Integrator {

  private static final Logger LOG = LoggerFactory.getLogger(TenantryIntegrator.class);

  @Override
  public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor factory) {
    long owned = metadata.getEntityBindings().stream()
        .map(PersistentClass::getMappedClass)
        .filter(TenantryPersisterClassResolver::owned)
        .count();
    if (owned == 0) {
      return;
    }
    Object resolver = factory.getSessionFactoryOptions().getCurrentTenantIdentifierResolver();
    if (!(resolver instanceof TenantryTenantIdentifierResolver)) {
      throw new HibernateException("Tenantry: " + owned + " tenant-owned entities are mapped, but the tenant "
          + "identifier resolver is " + (resolver == null ? "not set" : resolver.getClass().getName())
          + ". Set " + TenantryHibernate.RESOLVER_PROPERTY + "=" + TenantryTenantIdentifierResolver.class.getName()
          + " (or start from TenantryHibernate.settings()).");
    }
    Object persisters = factory.getServiceRegistry().requireService(PersisterClassResolver.class);
    if (!(persisters instanceof TenantryPersisterClassResolver)) {
      throw new HibernateException("Tenantry: " + owned + " tenant-owned entities are mapped, but Hibernate's "
          + "persister class resolver is " + persisters.getClass().getName() + ". Tenantry scopes queries "
          + "through its own persisters: remove the " + PersisterClassResolverInitiator.IMPL_NAME + " setting.");
    }
    refuseHibernateTenantId(metadata);
    checkAnnotatedOwnership(metadata);
    int scopedCollections = CollectionScoping.apply(metadata);
    java.util.List<String> tenantColumns = MutationScoping.apply(metadata);
    installStatementInspector(factory, tenantColumns);
    TenantGuard guard = new TenantGuard();
    EventListenerRegistry listeners = factory.getServiceRegistry().requireService(EventListenerRegistry.class);
    AnnotatedOwnerStamp stamp = new AnnotatedOwnerStamp();
    listeners.prependListeners(EventType.PERSIST, stamp);
    listeners.prependListeners(EventType.PERSIST_ONFLUSH, stamp);
    listeners.prependListeners(EventType.MERGE, stamp);
    listeners.appendListeners(EventType.PRE_INSERT, guard);
    listeners.appendListeners(EventType.PRE_UPDATE, guard);
    listeners.appendListeners(EventType.PRE_DELETE, guard);
    listeners.appendListeners(EventType.PRE_UPSERT, guard);
    listeners.appendListeners(EventType.POST_LOAD, guard);
    listeners.appendListeners(EventType.LOAD, guard);
    listeners.appendListeners(EventType.AUTO_FLUSH, guard);
    listeners.appendListeners(EventType.FLUSH_ENTITY, guard);
    listeners.appendListeners(EventType.PRE_COLLECTION_RECREATE, guard);
    listeners.appendListeners(EventType.PRE_COLLECTION_UPDATE, guard);
    listeners.appendListeners(EventType.PRE_COLLECTION_REMOVE, guard);
    SessionTenantCheck sessionTenant = new SessionTenantCheck();
    listeners.prependListeners(EventType.LOAD, sessionTenant);
    listeners.prependListeners(EventType.INIT_COLLECTION, sessionTenant);
    Object translator = factory.getProperties().get(org.hibernate.cfg.QuerySettings.SEMANTIC_QUERY_TRANSLATOR);
    if (translator != null && !TenantrySqmTranslatorFactory.class.getName().equals(String.valueOf(translator))
        && !(translator instanceof TenantrySqmTranslatorFactory) && translator != TenantrySqmTranslatorFactory.class) {
      LOG.warn("Tenantry: the application names its own SQM translator ({}); HQL and Criteria inserts of "
          + "tenant-owned entities are then not checked by Tenantry, only by row-level security", translator);
    }
    StartupAudit.run(factory);
    LOG.info("Tenantry scoping active for {} tenant-owned entity types and {} collections", owned, scopedCollections);
  }

  /**
   * Hibernate's {@code @TenantId} declares its filter under the name Tenantry uses as the system-session
   * marker ({@link HibernateCoupling}): such an entity would be filtered in system sessions and not at
   * all for tenants. Refused at start, with the fix.
   */
  private static void refuseHibernateTenantId(Metadata metadata) {
    for (PersistentClass entity : metadata.getEntityBindings()) {
      boolean marked = entity.getFilters().stream().anyMatch(f -> f.getName().equals(HibernateCoupling.TENANT_FILTER));
      if (marked && !TenantryPersisterClassResolver.owned(entity.getMappedClass())) {
        throw new HibernateException("Tenantry: " + entity.getEntityName() + " uses Hibernate's @TenantId. With "
            + "Tenantry, tenant-owned entities extend CompanyOwned, StoreOwned or RegisterOwned, or carry "
            + "io.tenantry.core.model.CompanyId (with StoreId, RegisterId) on their tenant fields (which scope and "
            + "stamp the company); remove @TenantId and extend one of them, or put @CompanyId on the UUID field "
            + "mapped to company_id.");
      }
    }
  }

  /**
   * An entity declared with the annotations is bound by {@code OwnershipBinder}, which Hibernate calls
   * only for annotated persistent fields; with property access (the annotations on fields Hibernate does
   * not read) the tenant attributes would be mapped as ordinary, updatable columns without the marker.
   * Refused at start, with the fix.
   */
  private static void checkAnnotatedOwnership(Metadata metadata) {
    for (PersistentClass entity : metadata.getEntityBindings()) {
      io.tenantry.core.model.internal.Ownership owner = OwnedEntityMetadata.ownership(entity.getMappedClass());
      if (owner == null || !owner.annotated()) {
        continue;
      }
      for (String attribute : owner.attributes()) {
        org.hibernate.mapping.Property property = findProperty(entity, attribute);
        if (property == null || property.isUpdatable()) {
          throw new HibernateException("Tenantry: " + entity.getEntityName() + " declares its tenant on the field "
              + attribute + ", but Hibernate " + (property == null ? "maps no attribute of that name"
              : "maps it as an ordinary attribute") + " (property access?). Tenantry reads the annotations "
              + "@CompanyId, @StoreId and @RegisterId from fields: use field access (put @Id on a field) for "
              + entity.getEntityName() + ".");
        }
      }
    }
  }

  private static org.hibernate.mapping.Property findProperty(PersistentClass entity, String name) {
    try {
      return entity.getRecursiveProperty(name);
    } catch (org.hibernate.MappingException e) {
      return null;
    }
  }

  /** Chains the tenant-column guard in front of the application's statement inspector, if any. */
  private static void installStatementInspector(SessionFactoryImplementor factory,
      java.util.Collection<String> tenantColumns) {
    SessionFactoryOptions options = factory.getSessionFactoryOptions();
    boolean installed = HibernateCoupling.installStatementInspector(options, existing ->
        existing instanceof TenantColumnUpdateInspector ? existing : new TenantColumnUpdateInspector(existing, tenantColumns));
    if (!installed) {
      LOG.warn("Tenantry could not install its bulk-update guard on {}: HQL bulk updates that assign tenant "
          + "columns are then stopped only by row-level security", options.getClass().getName());
    }
  }
}
