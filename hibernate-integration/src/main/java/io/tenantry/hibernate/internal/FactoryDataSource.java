package io.tenantry.hibernate.internal;

import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The DataSource a session factory takes its connections from, for Tenantry's own code that must look behind it
 * (the start-up audits, platform work routed by company, work on every cluster).
 *
 * <p>Internal.
 */
public final class FactoryDataSource {

  private FactoryDataSource() {}

  /**
   * The DataSource behind the factory's connection provider.
   *
   * @param factory the session factory
   * @return the DataSource, or {@code null} when the connection provider is not one over a DataSource
   */
  public static DataSource of(SessionFactoryImplementor factory) {
    ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
    return provider != null && provider.isUnwrappableAs(DataSource.class) ? provider.unwrap(DataSource.class) : null;
  }
}
