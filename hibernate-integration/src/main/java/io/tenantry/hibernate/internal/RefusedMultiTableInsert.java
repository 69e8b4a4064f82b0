package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantIsolationException;
import org.hibernate.engine.jdbc.connections.spi.JdbcConnectionAccess;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.internal.MappingModelCreationProcess;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.query.spi.DomainQueryExecutionContext;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.mutation.spi.MultiTableHandlerBuildResult;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;

/**
 * An HQL or Criteria insert into a tenant-owned entity spread over several tables (a JOINED hierarchy,
 * a secondary table) runs through Hibernate's multi-table insert, which Tenantry cannot check against
 * the bound tenant ({@link TenantrySqmTranslatorFactory} covers single-table inserts): refused, naming
 * {@code persist} instead. Preparation and release are left to Hibernate's own strategy.
 */
final class RefusedMultiTableInsert implements SqmMultiTableInsertStrategy {

  private final SqmMultiTableInsertStrategy hibernates;
  private final String entityName;

  private RefusedMultiTableInsert(SqmMultiTableInsertStrategy hibernates, String entityName) {
    this.hibernates = hibernates;
    this.entityName = entityName;
  }

  static SqmMultiTableInsertStrategy of(AbstractEntityPersister persister, SqmMultiTableInsertStrategy hibernates) {
    return hibernates == null || !OwnedEntityMetadata.owned(persister.getMappedClass()) ? hibernates
        : new RefusedMultiTableInsert(hibernates, persister.getEntityName());
  }

  @Override
  public void prepare(MappingModelCreationProcess process, JdbcConnectionAccess connectionAccess) {
    hibernates.prepare(process, connectionAccess);
  }

  @Override
  public void prepare(MappingModelCreationProcess process) {
    hibernates.prepare(process);
  }

  @Override
  public void release(SessionFactoryImplementor factory, JdbcConnectionAccess connectionAccess) {
    hibernates.release(factory, connectionAccess);
  }

  @Override
  public MultiTableHandlerBuildResult buildHandler(SqmInsertStatement<?> statement, DomainParameterXref xref,
      DomainQueryExecutionContext context) {
    throw refused();
  }

  @Override
  public int executeInsert(SqmInsertStatement<?> statement, DomainParameterXref xref,
      DomainQueryExecutionContext context) {
    throw refused();
  }

  private TenantIsolationException refused() {
    return new TenantIsolationException("An HQL or Criteria insert into " + entityName + " is refused: its rows "
        + "span several tables, and Tenantry cannot check their tenant columns against the bound tenant. Create "
        + "them with persist (or StatelessSession.insert), which stamps and checks them.");
  }
}
