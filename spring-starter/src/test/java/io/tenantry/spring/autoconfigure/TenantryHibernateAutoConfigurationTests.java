package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.model.Company;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.hibernate.TenantryHibernate;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import io.tenantry.spring.registerkey.RegisterKey;
import io.tenantry.spring.registerkey.RegisterKeyLookupEntry;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryBuilderCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.orm.jpa.persistenceunit.MutablePersistenceUnitInfo;

class TenantryHibernateAutoConfigurationTests {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryHibernateAutoConfiguration.class));

  @Test
  void hibernatePropertiesCustomizerShouldSetTenantryResolver() {
    runner.run(context -> {
      Map<String, Object> properties = new HashMap<>();
      context.getBean(HibernatePropertiesCustomizer.class).customize(properties);
      assertThat(properties).containsEntry(TenantryHibernate.RESOLVER_PROPERTY,
          TenantryTenantIdentifierResolver.class.getName());
    });
  }

  @Test
  void hibernatePropertiesCustomizerWhenUserSetResolverShouldBackOff() {
    runner.run(context -> {
      Map<String, Object> properties = new HashMap<>(Map.of(TenantryHibernate.RESOLVER_PROPERTY, "com.example.Mine"));
      context.getBean(HibernatePropertiesCustomizer.class).customize(properties);
      assertThat(properties).containsEntry(TenantryHibernate.RESOLVER_PROPERTY, "com.example.Mine");
    });
  }

  @Test
  void hibernateAutoConfigurationWhenSpringBootHibernateAbsentShouldBackOff() {
    runner.withClassLoader(new FilteredClassLoader(HibernatePropertiesCustomizer.class))
        .run(context -> assertThat(context).doesNotHaveBean(HibernatePropertiesCustomizer.class)
            .doesNotHaveBean(EntityManagerFactoryBuilderCustomizer.class));
  }

  @Test
  void entityManagerFactoryBuilderCustomizerShouldBeDefined() {
    runner.run(context -> assertThat(context).hasSingleBean(EntityManagerFactoryBuilderCustomizer.class));
  }

  @Test
  void tenantryEntitiesShouldIncludeTheHierarchyAndRegisterKeysOnce() {
    TenantryEntities entities = new TenantryEntities(new DefaultResourceLoader(), true);
    assertThat(entities.classNames()).contains(Company.class.getName(), Store.class.getName(),
        Register.class.getName(), RegisterKey.class.getName(), RegisterKeyLookupEntry.class.getName());
    MutablePersistenceUnitInfo unit = new MutablePersistenceUnitInfo();
    unit.addManagedClassName(Store.class.getName());
    entities.addTo(unit);
    entities.addTo(unit);
    assertThat(unit.getManagedClassNames()).doesNotHaveDuplicates().contains(Company.class.getName());
  }

  @Test
  void tenantryEntitiesWhenRegisterKeysDisabledShouldLeaveRegisterKeyOut() {
    assertThat(new TenantryEntities(new DefaultResourceLoader(), false).classNames())
        .contains(Company.class.getName())
        .doesNotContain(RegisterKey.class.getName(), RegisterKeyLookupEntry.class.getName());
  }

  @Test
  void auditOnStartupShouldDefaultToFailAndBind() {
    runner.run(context -> assertThat(context.getBean(TenantryProperties.class).getAudit().getOnStartup())
        .isEqualTo(TenantryProperties.Audit.Mode.FAIL));
    runner.withPropertyValues("tenantry.audit.on-startup=warn")
        .run(context -> assertThat(context.getBean(TenantryProperties.class).getAudit().getOnStartup())
            .isEqualTo(TenantryProperties.Audit.Mode.WARN));
    runner.withPropertyValues("tenantry.audit.on-startup=sometimes")
        .run(context -> assertThat(context).hasFailed());
  }
}
