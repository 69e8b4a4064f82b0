package io.tenantry.benchmarks.app.isolationoff;

import java.lang.reflect.InvocationTargetException;
import org.hibernate.MappingException;
import org.hibernate.cache.spi.access.CollectionDataAccess;
import org.hibernate.cache.spi.access.EntityDataAccess;
import org.hibernate.cache.spi.access.NaturalIdDataAccess;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.metamodel.spi.RuntimeModelCreationContext;
import org.hibernate.persister.collection.CollectionPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.internal.PersisterFactoryImpl;
import org.hibernate.persister.internal.StandardPersisterClassResolver;
import org.hibernate.persister.spi.PersisterFactory;

/**
 * Hibernate's standard persisters for every entity and collection, whatever persister class resolver is installed
 * (Tenantry's would choose its scoping persisters): no tenant condition in any query.
 */
public final class UnscopedPersisterFactory implements PersisterFactory {

  private final StandardPersisterClassResolver standard = new StandardPersisterClassResolver();

  @Override
  public EntityPersister createEntityPersister(PersistentClass entityBinding, EntityDataAccess entityCacheAccess,
      NaturalIdDataAccess naturalIdCacheAccess, RuntimeModelCreationContext creationContext) {
    return construct(standard.getEntityPersisterClass(entityBinding), PersisterFactoryImpl.ENTITY_PERSISTER_CONSTRUCTOR_ARGS,
        entityBinding, entityCacheAccess, naturalIdCacheAccess, creationContext);
  }

  @Override
  public CollectionPersister createCollectionPersister(Collection collectionBinding,
      CollectionDataAccess cacheAccess, RuntimeModelCreationContext creationContext) {
    return construct(standard.getCollectionPersisterClass(collectionBinding),
        PersisterFactoryImpl.COLLECTION_PERSISTER_CONSTRUCTOR_ARGS, collectionBinding, cacheAccess, creationContext);
  }

  private static <T> T construct(Class<? extends T> type, Class<?>[] parameterTypes, Object... args) {
    try {
      return type.getConstructor(parameterTypes).newInstance(args);
    } catch (InvocationTargetException e) {
      throw new MappingException("Could not build " + type.getName() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new MappingException("Could not build " + type.getName(), e);
    }
  }
}
