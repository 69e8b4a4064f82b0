package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.Store;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.core.model.internal.ScopeValues;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.boot.registry.StandardServiceInitiator;
import org.hibernate.boot.spi.SessionFactoryOptions;
import org.hibernate.cache.CacheException;
import org.hibernate.cache.cfg.spi.DomainDataRegionBuildingContext;
import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;
import org.hibernate.cache.internal.NoCachingRegionFactory;
import org.hibernate.cache.internal.RegionFactoryInitiator;
import org.hibernate.cache.spi.CacheTransactionSynchronization;
import org.hibernate.cache.spi.DomainDataRegion;
import org.hibernate.cache.spi.QueryResultsRegion;
import org.hibernate.cache.spi.RegionFactory;
import org.hibernate.cache.spi.TimestampsRegion;
import org.hibernate.cache.spi.access.AccessType;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.cache.spi.access.SoftLock;
import org.hibernate.cache.spi.entry.CacheEntry;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.metamodel.model.domain.NavigableRole;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.service.spi.ServiceRegistryAwareService;
import org.hibernate.service.spi.ServiceRegistryImplementor;

/**
 * Makes Hibernate's second-level and query caches unable to change what a query returns. Hibernate
 * keys cache entries by the session's tenant (the company), which is both too coarse (a store user
 * and the owner share entries that differ by store) and too fine (system access has its own keys and
 * reads stale entries after a tenant's write). Installed by wrapping whatever region factory the
 * application configured:
 * <ul>
 *   <li><b>entities</b>: one entry per row for everybody (ids are unique across companies), so a write
 *       by anyone updates what everybody reads; an entry is only handed to a reader who may see the row
 *       (its company, store and register are checked against the binding), otherwise it is a miss and the
 *       scoped database load decides;</li>
 *   <li><b>collections</b>: shared the same way when their elements are company-level; never cached when
 *       the elements are store- or register-level (their content depends on the visible stores);</li>
 *   <li><b>natural ids</b>: kept per company; not cached for store- or register-level entities, nor read in
 *       system access;</li>
 *   <li><b>query results</b>: keyed by the full scope (company, visible stores, register; or system access),
 *       so a cached scalar result is only served to the same scope; table timestamps still invalidate
 *       them on any write.</li>
 * </ul>
 */
final class TenantCaching {

  private TenantCaching() {}

  /** Replaces Hibernate's region factory initiator: the configured factory, wrapped. */
  static final class Initiator implements StandardServiceInitiator<RegionFactory> {

    @Override
    public Class<RegionFactory> getServiceInitiated() {
      return RegionFactory.class;
    }

    @Override
    public RegionFactory initiateService(Map<String, Object> configurationValues, ServiceRegistryImplementor registry) {
      RegionFactory configured = RegionFactoryInitiator.INSTANCE.initiateService(configurationValues, registry);
      return configured == null || configured instanceof NoCachingRegionFactory ? configured : new Factory(configured);
    }
  }

  // ---- what the binding may see ------------------------------------------------------------------------

  /** How far down the hierarchy the rows of an entity type are owned. */
  enum Level { NONE, COMPANY, STORE }

  static Level level(Class<?> type) {
    if (type == null) {
      return Level.NONE;
    }
    if (Company.class.isAssignableFrom(type)) {
      return Level.COMPANY;
    }
    io.tenantry.core.model.internal.Ownership owner = OwnedEntityMetadata.ownership(type);
    if (owner == null) {
      return Level.NONE;
    }
    return Store.class.isAssignableFrom(type) || owner.storeLevel()
        || TenantSetting.class.isAssignableFrom(type) ? Level.STORE : Level.COMPANY;
  }

  /** Whether the cached entity state may be handed to the bound reader. Unknown shapes are a miss. */
  static boolean visible(SharedSessionContractImplementor session, Object id, Object cached) {
    if (Bindings.isSystemAccess()) {
      return true;
    }
    TenantContext ctx = Bindings.tenant();
    if (ctx == null || !(cached instanceof CacheEntry) || ((CacheEntry) cached).isReferenceEntry()) {
      return false;
    }
    CacheEntry entry = (CacheEntry) cached;
    EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(entry.getSubclass());
    if (persister == null) {
      return false;
    }
    Class<?> type = persister.getMappedClass();
    if (Company.class.isAssignableFrom(type)) {
      return ctx.companyId().equals(id);
    }
    Serializable[] state = entry.getDisassembledState();
    io.tenantry.core.model.internal.Ownership owner = OwnedEntityMetadata.ownership(type);
    if (owner == null || !ctx.companyId().equals(state[persister.getPropertyIndex(owner.companyAttribute())])) {
      return false;
    }
    if (Store.class.isAssignableFrom(type)) {
      return id instanceof UUID && ctx.canSee((UUID) id);
    }
    boolean setting = TenantSetting.class.isAssignableFrom(type);
    String storeAttribute = setting ? "storeId" : owner.storeAttribute();
    Object store = storeAttribute != null ? state[persister.getPropertyIndex(storeAttribute)] : null;
    String registerAttribute = setting ? "registerId" : owner.registerAttribute();
    Object register = registerAttribute != null ? state[persister.getPropertyIndex(registerAttribute)] : null;
    return (store == null || store instanceof UUID && ctx.canSee((UUID) store))
        && (register == null || ctx.registerId().map(register::equals).orElse(true));
  }

  /** The full scope of the binding, as a query-cache key component. */
  static String scope() {
    if (Bindings.isSystemAccess()) {
      return "system";
    }
    TenantContext ctx = Bindings.tenant();
    if (ctx == null) {
      return "none";
    }
    UUID[] stores = ScopeValues.stores(ctx).clone();
    Arrays.sort(stores);
    return ctx.companyId() + (ScopeValues.allStores(ctx) ? "/all" : "/" + Arrays.toString(stores)) + "/"
        + ctx.registerId().map(UUID::toString).orElse("*");
  }

  // ---- the region factory ------------------------------------------------------------------------------

  private static final class Factory implements RegionFactory, ServiceRegistryAwareService {
    private static final long serialVersionUID = 1L;
    private final RegionFactory delegate;

    Factory(RegionFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public void injectServices(ServiceRegistryImplementor serviceRegistry) {
      if (delegate instanceof ServiceRegistryAwareService) {
        ((ServiceRegistryAwareService) delegate).injectServices(serviceRegistry);
      }
    }

    @Override
    public void start(SessionFactoryOptions settings, Map<String, Object> configValues) throws CacheException {
      delegate.start(settings, configValues);
    }

    @Override
    public void stop() {
      delegate.stop();
    }

    @Override
    public boolean isMinimalPutsEnabledByDefault() {
      return delegate.isMinimalPutsEnabledByDefault();
    }

    @Override
    public AccessType getDefaultAccessType() {
      return delegate.getDefaultAccessType();
    }

    @Override
    public String qualify(String regionName) {
      return delegate.qualify(regionName);
    }

    @Override
    public CacheTransactionSynchronization createTransactionContext(SharedSessionContractImplementor session) {
      return delegate.createTransactionContext(session);
    }

    @Override
    public long nextTimestamp() {
      return delegate.nextTimestamp();
    }

    @Override
    public long getTimeout() {
      return delegate.getTimeout();
    }

    @Override
    public DomainDataRegion buildDomainDataRegion(DomainDataRegionConfig config,
        DomainDataRegionBuildingContext context) {
      return new Domain(delegate.buildDomainDataRegion(config, context));
    }

    @Override
    public QueryResultsRegion buildQueryResultsRegion(String regionName, SessionFactoryImplementor factory) {
      return new Queries(delegate.buildQueryResultsRegion(regionName, factory));
    }

    @Override
    public TimestampsRegion buildTimestampsRegion(String regionName, SessionFactoryImplementor factory) {
      return delegate.buildTimestampsRegion(regionName, factory);
    }
  }

  private static final class Domain implements DomainDataRegion {
    private final DomainDataRegion delegate;

    Domain(DomainDataRegion delegate) {
      this.delegate = delegate;
    }

    @Override
    public EntityDataAccess getEntityDataAccess(NavigableRole role) {
      EntityDataAccess access = delegate.getEntityDataAccess(role);
      return access == null ? null : new Entities(access);
    }

    @Override
    public NaturalIdDataAccess getNaturalIdDataAccess(NavigableRole role) {
      NaturalIdDataAccess access = delegate.getNaturalIdDataAccess(role);
      return access == null ? null : new NaturalIds(access, role.getFullPath());
    }

    @Override
    public CollectionDataAccess getCollectionDataAccess(NavigableRole role) {
      CollectionDataAccess access = delegate.getCollectionDataAccess(role);
      return access == null ? null : new Collections(access, role.getFullPath());
    }

    @Override
    public String getName() {
      return delegate.getName();
    }

    @Override
    public RegionFactory getRegionFactory() {
      return delegate.getRegionFactory();
    }

    @Override
    public void clear() {
      delegate.clear();
    }

    @Override
    public void destroy() throws CacheException {
      delegate.destroy();
    }
  }

  /** Everything but the cache keys and reads is passed through. */
  private abstract static class Access<A extends org.hibernate.cache.spi.access.CachedDomainDataAccess>
      implements org.hibernate.cache.spi.access.CachedDomainDataAccess {
    final A delegate;

    Access(A delegate) {
      this.delegate = delegate;
    }

    @Override
    public DomainDataRegion getRegion() {
      return delegate.getRegion();
    }

    @Override
    public AccessType getAccessType() {
      return delegate.getAccessType();
    }

    /** Whether this session neither reads nor fills the region: then a read is a miss and a load puts nothing. */
    boolean bypassed(SharedSessionContractImplementor session) {
      return false;
    }

    @Override
    public Object get(SharedSessionContractImplementor session, Object key) {
      return bypassed(session) ? null : delegate.get(session, key);
    }

    @Override
    public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version) {
      return !bypassed(session) && delegate.putFromLoad(session, key, value, version);
    }

    @Override
    public boolean putFromLoad(SharedSessionContractImplementor session, Object key, Object value, Object version,
        boolean minimalPutOverride) {
      return !bypassed(session) && delegate.putFromLoad(session, key, value, version, minimalPutOverride);
    }

    @Override
    public SoftLock lockItem(SharedSessionContractImplementor session, Object key, Object version) {
      return delegate.lockItem(session, key, version);
    }

    @Override
    public void unlockItem(SharedSessionContractImplementor session, Object key, SoftLock lock) {
      delegate.unlockItem(session, key, lock);
    }

    @Override
    public void remove(SharedSessionContractImplementor session, Object key) {
      delegate.remove(session, key);
    }

    @Override
    public void removeAll(SharedSessionContractImplementor session) {
      delegate.removeAll(session);
    }

    @Override
    public boolean contains(Object key) {
      return delegate.contains(key);
    }

    @Override
    public SoftLock lockRegion() {
      return delegate.lockRegion();
    }

    @Override
    public void unlockRegion(SoftLock lock) {
      delegate.unlockRegion(lock);
    }

    @Override
    public void evict(Object key) {
      delegate.evict(key);
    }

    @Override
    public void evictAll() {
      delegate.evictAll();
    }
  }

  private static final class Entities extends Access<EntityDataAccess> implements EntityDataAccess {

    Entities(EntityDataAccess delegate) {
      super(delegate);
    }

    @Override
    public Object generateCacheKey(Object id, EntityPersister persister, SessionFactoryImplementor factory,
        String tenantIdentifier) {
      // one entry per row for every reader: ids are unique across companies
      boolean owned = level(persister.getMappedClass()) != Level.NONE;
      return delegate.generateCacheKey(id, persister, factory, owned ? null : tenantIdentifier);
    }

    @Override
    public Object getCacheKeyId(Object cacheKey) {
      return delegate.getCacheKeyId(cacheKey);
    }

    @Override
    public Object get(SharedSessionContractImplementor session, Object key) {
      Object cached = delegate.get(session, key);
      if (cached == null || !(cached instanceof CacheEntry)) {
        return cached;
      }
      EntityPersister persister = session.getFactory().getMappingMetamodel()
          .findEntityDescriptor(((CacheEntry) cached).getSubclass());
      if (persister == null || level(persister.getMappedClass()) == Level.NONE) {
        return cached;
      }
      return visible(session, delegate.getCacheKeyId(key), cached) ? cached : null;
    }

    @Override
    public boolean insert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
      return delegate.insert(session, key, value, version);
    }

    @Override
    public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value, Object version) {
      return delegate.afterInsert(session, key, value, version);
    }

    @Override
    public boolean update(SharedSessionContractImplementor session, Object key, Object value, Object currentVersion,
        Object previousVersion) {
      return delegate.update(session, key, value, currentVersion, previousVersion);
    }

    @Override
    public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value,
        Object currentVersion, Object previousVersion, SoftLock lock) {
      return delegate.afterUpdate(session, key, value, currentVersion, previousVersion, lock);
    }
  }

  private static final class Collections extends Access<CollectionDataAccess> implements CollectionDataAccess {
    private final String role;

    Collections(CollectionDataAccess delegate, String role) {
      super(delegate);
      this.role = role;
    }

    private static Level elementLevel(CollectionPersister persister) {
      return !persister.getElementType().isEntityType() ? Level.NONE
          : level(persister.getElementPersister().getMappedClass());
    }

    private static Level ownerLevel(CollectionPersister persister) {
      return level(persister.getOwnerEntityPersister().getMappedClass());
    }

    /** Whether the collection's content depends on the visible stores: then it is never cached. */
    @Override
    boolean bypassed(SharedSessionContractImplementor session) {
      CollectionPersister persister = session.getFactory().getMappingMetamodel().findCollectionDescriptor(role);
      return persister == null || elementLevel(persister) == Level.STORE
          || Bindings.current() == null
              && (ownerLevel(persister) != Level.NONE || elementLevel(persister) != Level.NONE);
    }

    @Override
    public Object generateCacheKey(Object id, CollectionPersister persister, SessionFactoryImplementor factory,
        String tenantIdentifier) {
      boolean owned = ownerLevel(persister) != Level.NONE || elementLevel(persister) != Level.NONE;
      return delegate.generateCacheKey(id, persister, factory, owned ? null : tenantIdentifier);
    }

    @Override
    public Object getCacheKeyId(Object cacheKey) {
      return delegate.getCacheKeyId(cacheKey);
    }
  }

  private static final class NaturalIds extends Access<NaturalIdDataAccess> implements NaturalIdDataAccess {
    private final String entityName;

    NaturalIds(NaturalIdDataAccess delegate, String entityName) {
      super(delegate);
      this.entityName = entityName;
    }

    /** Store-level natural ids resolve differently per store; system access would read stale resolutions. */
    @Override
    boolean bypassed(SharedSessionContractImplementor session) {
      EntityPersister persister = session.getFactory().getMappingMetamodel().findEntityDescriptor(entityName);
      Level level = persister == null ? Level.STORE : level(persister.getMappedClass());
      return level == Level.STORE || level == Level.COMPANY && Bindings.tenant() == null;
    }

    @Override
    public Object generateCacheKey(Object naturalIdValues, EntityPersister persister,
        SharedSessionContractImplementor session) {
      return delegate.generateCacheKey(naturalIdValues, persister, session);
    }

    @Override
    public Object getNaturalIdValues(Object cacheKey) {
      return delegate.getNaturalIdValues(cacheKey);
    }

    @Override
    public boolean insert(SharedSessionContractImplementor session, Object key, Object value) {
      return !bypassed(session) && delegate.insert(session, key, value);
    }

    @Override
    public boolean afterInsert(SharedSessionContractImplementor session, Object key, Object value) {
      return !bypassed(session) && delegate.afterInsert(session, key, value);
    }

    @Override
    public boolean update(SharedSessionContractImplementor session, Object key, Object value) {
      return delegate.update(session, key, value);
    }

    @Override
    public boolean afterUpdate(SharedSessionContractImplementor session, Object key, Object value, SoftLock lock) {
      return delegate.afterUpdate(session, key, value, lock);
    }
  }

  private static final class Queries implements QueryResultsRegion {
    private final QueryResultsRegion delegate;

    Queries(QueryResultsRegion delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object getFromCache(Object key, SharedSessionContractImplementor session) {
      return delegate.getFromCache(new ScopedKey(key, scope()), session);
    }

    @Override
    public void putIntoCache(Object key, Object value, SharedSessionContractImplementor session) {
      delegate.putIntoCache(new ScopedKey(key, scope()), value, session);
    }

    @Override
    public String getName() {
      return delegate.getName();
    }

    @Override
    public RegionFactory getRegionFactory() {
      return delegate.getRegionFactory();
    }

    @Override
    public void clear() {
      delegate.clear();
    }

    @Override
    public void destroy() throws CacheException {
      delegate.destroy();
    }
  }

  /** A query-cache key together with the full scope it was computed for. */
  static final class ScopedKey implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Object key;
    private final String scope;

    ScopedKey(Object key, String scope) {
      this.key = key;
      this.scope = scope;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ScopedKey && ((ScopedKey) o).key.equals(key) && ((ScopedKey) o).scope.equals(scope);
    }

    @Override
    public int hashCode() {
      return Objects.hash(key, scope);
    }

    @Override
    public String toString() {
      return "ScopedKey[" + scope + ", " + key + "]";
    }
  }
}
