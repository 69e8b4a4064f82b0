package io.tenantry.hibernate.internal;

import java.util.function.Supplier;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.mutation.DeleteCoordinator;
import org.hibernate.persister.entity.mutation.UpdateCoordinator;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;

/**
 * The write paths every scoped entity persister replaces, whatever Hibernate persister class it
 * extends: the upsert and delete coordinators that carry the tenant ({@link ScopedUpsert},
 * {@link ScopedDelete}, falling back to Hibernate's where they do not apply) and the refusal of
 * multi-table HQL inserts ({@link RefusedMultiTableInsert}). The coordinators are chosen on first use,
 * because they need the finished mapping.
 */
final class ScopedWrites {

  private final AbstractEntityPersister persister;
  private volatile UpdateCoordinator merge;
  private volatile DeleteCoordinator delete;

  ScopedWrites(AbstractEntityPersister persister) {
    this.persister = persister;
  }

  UpdateCoordinator merge(Supplier<UpdateCoordinator> hibernates) {
    UpdateCoordinator scoped = merge;
    if (scoped == null) {
      scoped = ScopedUpsert.of(persister);
      merge = scoped = scoped != null ? scoped : hibernates.get();
    }
    return scoped;
  }

  DeleteCoordinator delete(Supplier<DeleteCoordinator> hibernates) {
    DeleteCoordinator scoped = delete;
    if (scoped == null) {
      scoped = ScopedDelete.of(persister);
      delete = scoped = scoped != null ? scoped : hibernates.get();
    }
    return scoped;
  }

  SqmMultiTableInsertStrategy multiTableInsert(SqmMultiTableInsertStrategy hibernates) {
    return RefusedMultiTableInsert.of(persister, hibernates);
  }
}
