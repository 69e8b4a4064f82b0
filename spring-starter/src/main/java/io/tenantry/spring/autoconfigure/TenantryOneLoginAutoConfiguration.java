package io.tenantry.spring.autoconfigure;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * One-login mode ({@code tenantry.rls.one-login.enabled=true}): Flyway migrates as the configured owner
 * login, then creates or checks the application and system roles and sets their passwords
 * ({@code TenantryRoles}); the application's DataSource and the system pool connect as those roles
 * (see {@link TenantryRlsAutoConfiguration}).
 */
@AutoConfiguration(before = TenantryRlsAutoConfiguration.class,
    beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(name = {"org.flywaydb.core.Flyway",
    "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer"})
@ConditionalOnBooleanProperty(name = "tenantry.rls.one-login.enabled")
public final class TenantryOneLoginAutoConfiguration {

  /** Migrations run as the owner login, whatever the application's DataSource connects as. */
  @Bean
  FlywayConfigurationCustomizer tenantryOwnerMigrates(ObjectProvider<OneLogin> oneLogin) {
    return configuration -> {
      OneLogin login = oneLogin.getIfAvailable();
      if (login == null) {
        throw new IllegalStateException("tenantry.rls.one-login.enabled=true needs row-level security on: remove "
            + "tenantry.rls.enabled=false");
      }
      configuration.dataSource(login.ownerUrl(), login.ownerUser(), login.ownerPassword());
    };
  }

  /** After every migrate (also when nothing was pending): the roles, their grants and passwords. */
  @Bean
  Callback tenantryRolesAfterMigrate(ObjectProvider<OneLogin> oneLogin) {
    return new Callback() {
      @Override
      public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
      }

      @Override
      public boolean canHandleInTransaction(Event event, Context context) {
        return true;
      }

      @Override
      public void handle(Event event, Context context) {
        oneLogin.getObject().createRoles(context.getConnection(), context.getConfiguration().getTable());
      }

      @Override
      public String getCallbackName() {
        return "tenantry-roles";
      }
    };
  }
}
