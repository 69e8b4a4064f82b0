package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tenantry.spring.actuate.TenantryEndpoint;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class TenantryEndpointAutoConfigurationTests {

  private final WebApplicationContextRunner runner = Mocks.withJpa(new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryEndpointAutoConfiguration.class)));

  @Test
  void endpointWhenExposedShouldBeDefined() {
    runner.withPropertyValues("management.endpoints.web.exposure.include=tenantry")
        .run(context -> assertThat(context).hasSingleBean(TenantryEndpoint.class));
  }

  @Test
  void endpointWhenNotExposedShouldBackOff() {
    runner.run(context -> assertThat(context).doesNotHaveBean(TenantryEndpoint.class));
  }

  @Test
  void endpointWithoutActuatorShouldBackOff() {
    runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
        .withPropertyValues("management.endpoints.web.exposure.include=tenantry")
        .run(context -> assertThat(context).doesNotHaveBean(TenantryEndpoint.class));
  }

  @Test
  void endpointWhenUserDefinesOneShouldBackOff() {
    @SuppressWarnings("unchecked")
    TenantryEndpoint mine = new TenantryEndpoint(mock(EntityManagerFactory.class), mock(ObjectProvider.class), "off");
    runner.withPropertyValues("management.endpoints.web.exposure.include=tenantry")
        .withBean(TenantryEndpoint.class, () -> mine)
        .run(context -> assertThat(context).getBean(TenantryEndpoint.class).isSameAs(mine));
  }
}
