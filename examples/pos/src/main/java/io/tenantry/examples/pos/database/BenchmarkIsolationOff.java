package io.tenantry.examples.pos.database;

import com.zaxxer.hikari.HikariDataSource;
import io.tenantry.core.UnscopedAccess;
import io.tenantry.hibernate.TenantryHibernate;
import java.lang.reflect.InvocationTargetException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.hibernate.persister.internal.PersisterFactoryInitiator;
import org.hibernate.persister.internal.StandardPersisterClassResolver;
import org.hibernate.persister.spi.PersisterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * <strong>Benchmark only: turns this application's tenant isolation off.</strong> With
 * {@code pos.benchmark.isolation-off=true} (never set by default; any value but {@code true} or
 * {@code false} stops the start) the POS serves every request
 * <ul>
 *   <li>through a plain pool on the <em>owner</em> login, not {@code TenantryRls.dataSource}: no
 *       {@code set_config}, no JDBC wrappers, and the start is refused unless that login is superuser or
 *       BYPASSRLS, so no policy is evaluated (the policies are FORCEd, so any other login would see
 *       nothing);</li>
 *   <li>without Tenantry's query scoping: this class gives Hibernate its own persister factory
 *       ({@link UnscopedPersisterFactory}), which builds Hibernate's standard persisters, so no tenant condition
 *       is added to any query. The library has no switch for this; only this application code can do it.</li>
 * </ul>
 * The start-up isolation audit is off too (it would rightly report that requests bypass the policies).
 * The class is checked by the architecture rules like any other.
 * What stays: the tenant binding from the credentials, Tenantry's company stamp and {@code TenantGuard} stamping
 * and checking inserts and loaded rows, and the register-key lookup (system access). Then any company
 * sees every company's rows wherever a query relies on scoping: it exists only so that
 * {@code benchmarks/} can measure what isolation costs against the same application without it, on a
 * database holding one company. A loud banner is logged at start.
 */
final class BenchmarkIsolationOff {

  static final String PROPERTY = "pos.benchmark.isolation-off";

  private static final Logger LOG = LoggerFactory.getLogger(BenchmarkIsolationOff.class);

  private BenchmarkIsolationOff() {}

  /** Whether the switch is on; only the literal values true and false (or nothing) are accepted. */
  static boolean requested(Environment env) {
    String value = env.getProperty(PROPERTY);
    if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("false")) {
      return false;
    }
    if (value.trim().equalsIgnoreCase("true")) {
      return true;
    }
    throw new IllegalStateException(PROPERTY + " must be true or false, not '" + value + "'. It turns tenant "
        + "isolation OFF and exists for benchmarks only; leave it unset.");
  }

  /** The pool every request uses when isolation is off: the owner login, which must bypass row-level security. */
  @UnscopedAccess("reads the owner login's own role attributes (pg_roles) before the benchmark-only pool is used")
  static HikariDataSource bypassPool(OwnerLogin owner, int size) {
    HikariDataSource pool = new HikariDataSource();
    pool.setPoolName("pos-benchmark-no-isolation");
    pool.setJdbcUrl(owner.url());
    pool.setUsername(owner.username());
    pool.setPassword(owner.password());
    pool.setMaximumPoolSize(size);
    pool.setMinimumIdle(0);
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select rolsuper or rolbypassrls from pg_roles where rolname = current_user")) {
      if (!rs.next() || !rs.getBoolean(1)) {
        pool.close();
        throw new IllegalStateException(PROPERTY + "=true needs an owner login (spring.datasource.username) that is "
            + "superuser or BYPASSRLS; '" + owner.username() + "' is neither, and the FORCEd policies would show it "
            + "no rows.");
      }
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("Could not check the owner login for " + PROPERTY + ": " + e.getMessage(), e);
    }
    banner();
    return pool;
  }

  private static void banner() {
    String line = "!".repeat(100);
    LOG.warn("\n{}\n!! TENANT ISOLATION IS OFF ({}=true): row-level security is bypassed and Tenantry's query\n"
        + "!! scoping is off. Every company can see every other company's data.\n"
        + "!! This mode exists for benchmarks/ only (see examples/pos/README.md). NEVER use it with real data.\n{}",
        line, PROPERTY, line);
  }

  /** Turns Tenantry's query scoping off in the entity manager factory, before it initialises. */
  static BeanPostProcessor scopingOff() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
          factory.getJpaPropertyMap().put(PersisterFactoryInitiator.IMPL_NAME, new UnscopedPersisterFactory());
          // the audit checks that requests cannot bypass the policies; here they do, on purpose
          factory.getJpaPropertyMap().put(TenantryHibernate.AUDIT_PROPERTY, "off");
          LOG.warn("{}=true: Tenantry's query scoping is off in {}, and the isolation audit is off", PROPERTY, beanName);
        }
        return bean;
      }
    };
  }

  /**
   * Hibernate's standard persisters for every entity and collection, whatever persister class resolver is
   * installed (Tenantry's would choose its scoping persisters).
   */
  static final class UnscopedPersisterFactory implements PersisterFactory {

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
}
