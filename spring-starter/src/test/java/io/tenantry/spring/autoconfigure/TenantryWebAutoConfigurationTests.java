package io.tenantry.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.tenantry.spring.security.AuthenticationTenantConverter;
import io.tenantry.spring.security.JwtClaimsTenantConverter;
import io.tenantry.spring.security.SpringSecurityCallers;
import io.tenantry.spring.security.TenantrySecurityCustomizer;
import io.tenantry.spring.web.CallerAuthentication;
import io.tenantry.spring.web.TenantFilter;
import io.tenantry.spring.web.TenantResponseHeaders;
import io.tenantry.spring.web.TenantryExceptionHandler;
import jakarta.persistence.EntityManagerFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class TenantryWebAutoConfigurationTests {

  private final WebApplicationContextRunner runner = Mocks.withJpa(new WebApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(TenantryWebAutoConfiguration.class)));

  @Test
  void tenantFilterWithSpringSecurityShouldJoinTheSecurityChainsOnly() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(TenantFilter.class)
          .hasSingleBean(TenantrySecurityCustomizer.class)
          .hasSingleBean(TenantryExceptionHandler.class)
          .hasSingleBean(TenantResponseHeaders.class)
          .hasSingleBean(JwtClaimsTenantConverter.class);
      assertThat(context).getBean(CallerAuthentication.class).isInstanceOf(SpringSecurityCallers.class);
      assertThat(registration(context).isEnabled()).isFalse();
    });
  }

  @Test
  void tenantFilterWithoutSpringSecurityShouldBeAServletFilter() {
    runner.withClassLoader(new FilteredClassLoader(HttpSecurity.class)).run(context -> {
      assertThat(context).hasSingleBean(TenantFilter.class)
          .doesNotHaveBean(TenantrySecurityCustomizer.class)
          .doesNotHaveBean(CallerAuthentication.class);
      FilterRegistrationBean<?> registration = registration(context);
      assertThat(registration.isEnabled()).isTrue();
      assertThat(registration.getOrder()).isEqualTo(TenantryWebAutoConfiguration.SERVLET_FILTER_ORDER);
    });
  }

  @Test
  void tenantFilterWhenNotWebApplicationShouldBackOff() {
    Mocks.withJpa(new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TenantryWebAutoConfiguration.class)))
        .run(context -> assertThat(context).doesNotHaveBean(TenantFilter.class)
            .doesNotHaveBean(TenantryExceptionHandler.class));
  }

  @Test
  void tenantFilterWhenDisabledShouldBackOff() {
    runner.withPropertyValues("tenantry.web.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(TenantFilter.class)
            .doesNotHaveBean(TenantrySecurityCustomizer.class));
  }

  @Test
  void tenantFilterWithoutEntityManagerFactoryShouldBackOff() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TenantryWebAutoConfiguration.class))
        .run(context -> assertThat(context).doesNotHaveBean(TenantFilter.class));
  }

  @Test
  void tenantFilterWhenUserDefinesOneShouldBackOff() {
    runner.withBean("myTenantFilter", TenantFilter.class, () -> new TenantFilter(CallerAuthentication.NONE, null,
            mock(EntityManagerFactory.class), false, null))
        .run(context -> {
          assertThat(context).hasSingleBean(TenantFilter.class).hasBean("myTenantFilter");
          assertThat(registration(context).getFilter()).isSameAs(context.getBean("myTenantFilter"));
        });
  }

  @Test
  void securityCustomizerWhenUserDefinesOneShouldBackOff() {
    runner.withBean("tenantrySecurityCustomizer", String.class, () -> "mine")
        .run(context -> assertThat(context).doesNotHaveBean(TenantrySecurityCustomizer.class));
  }

  @Test
  void callerAuthenticationWhenUserDefinesOneShouldBackOff() {
    runner.withBean(CallerAuthentication.class, () -> CallerAuthentication.NONE)
        .run(context -> assertThat(context).getBean(CallerAuthentication.class).isSameAs(CallerAuthentication.NONE));
  }

  @Test
  void jwtConverterWhenUserDefinesAConverterShouldBackOff() {
    AuthenticationTenantConverter mine = authentication -> Optional.empty();
    runner.withBean(AuthenticationTenantConverter.class, () -> mine)
        .run(context -> assertThat(context).getBean(AuthenticationTenantConverter.class).isSameAs(mine));
  }

  @Test
  void jwtConverterWithoutResourceServerShouldBackOff() {
    runner.withClassLoader(new FilteredClassLoader(JwtAuthenticationToken.class))
        .run(context -> assertThat(context).hasSingleBean(TenantFilter.class)
            .doesNotHaveBean(AuthenticationTenantConverter.class));
  }

  @Test
  void issuerValidatorShouldBeDefinedOnlyWhenAnIssuerIsConfigured() {
    runner.run(context -> assertThat(context).doesNotHaveBean(OAuth2TokenValidator.class));
    runner.withPropertyValues("tenantry.jwt.issuer=https://issuer.example")
        .run(context -> assertThat(context).hasSingleBean(OAuth2TokenValidator.class));
  }

  @Test
  void exceptionHandlerWhenUserDefinesOneShouldBackOff() {
    TenantryExceptionHandler mine = new TenantryExceptionHandler();
    runner.withBean(TenantryExceptionHandler.class, () -> mine)
        .run(context -> assertThat(context).getBean(TenantryExceptionHandler.class).isSameAs(mine));
  }

  @Test
  void responseHeadersWhenDisabledShouldBackOff() {
    runner.withPropertyValues("tenantry.web.cache-control=false")
        .run(context -> assertThat(context).doesNotHaveBean(TenantResponseHeaders.class)
            .hasSingleBean(TenantFilter.class));
  }

  @Test
  void claimNamesShouldBind() {
    runner.withPropertyValues("tenantry.jwt.company-claim=tenant", "tenantry.jwt.all-stores-roles=ADMIN,OWNER")
        .run(context -> {
          TenantryProperties.Jwt jwt = context.getBean(TenantryProperties.class).getJwt();
          assertThat(jwt.getCompanyClaim()).isEqualTo("tenant");
          assertThat(jwt.getAllStoresRoles()).containsExactly("ADMIN", "OWNER");
          assertThat(jwt.getStoresClaim()).isEqualTo("store_ids");
        });
  }

  private static FilterRegistrationBean<?> registration(AssertableWebApplicationContext context) {
    return context.getBeansOfType(FilterRegistrationBean.class).values().stream()
        .filter(r -> r.getFilter() instanceof TenantFilter)
        .findFirst()
        .orElseThrow();
  }
}
