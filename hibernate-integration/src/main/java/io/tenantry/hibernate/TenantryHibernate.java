package io.tenantry.hibernate;

import java.util.HashMap;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;

/**
 * The one configuration step for plain Hibernate. Everything else is service-loaded when
 * {@code tenantry-hibernate} is on the class path.
 *
 * <pre>{@code
 * Map<String, Object> settings = TenantryHibernate.settings();   // or set the property yourself
 * EntityManagerFactory emf = Persistence.createEntityManagerFactory("pos", settings);
 * }</pre>
 */
public final class TenantryHibernate {

  /** The Hibernate property that must name {@link TenantryTenantIdentifierResolver}. */
  public static final String RESOLVER_PROPERTY = AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER;

  /**
   * Whether to run the isolation audit when the session factory starts: {@code fail}, {@code warn} or
   * {@code off}. Default: {@code fail} when the DataSource is {@code TenantryRls.dataSource(...)},
   * otherwise {@code off}. Named as Spring Boot names properties (kebab case), so the same name works
   * in {@code application.properties} and as a Hibernate property; the older
   * {@code tenantry.audit.on_startup} is still read when this one is not set.
   */
  public static final String AUDIT_PROPERTY = "tenantry.audit.on-startup";

  private TenantryHibernate() {}

  /** A mutable map with the settings Tenantry needs; add your own and pass it to Hibernate. */
  public static Map<String, Object> settings() {
    Map<String, Object> settings = new HashMap<>();
    settings.put(RESOLVER_PROPERTY, TenantryTenantIdentifierResolver.class.getName());
    return settings;
  }
}
