package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.registerkey.RegisterKeys;
import io.tenantry.spring.security.AuthenticationTenantConverter;
import io.tenantry.spring.security.JwtClaimsTenantConverter;
import io.tenantry.spring.security.ProblemAccessDeniedHandler;
import io.tenantry.spring.security.ProblemAuthenticationEntryPoint;
import io.tenantry.spring.security.SpringSecurityCallers;
import io.tenantry.spring.security.TenantrySecurityCustomizer;
import io.tenantry.spring.web.CallerAuthentication;
import io.tenantry.spring.web.TenantFilter;
import io.tenantry.spring.web.TenantResponseHeaders;
import io.tenantry.spring.web.TenantryExceptionHandler;
import jakarta.persistence.EntityManagerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Who is calling, in a servlet web application with one entity manager factory (off with
 * {@code tenantry.web.enabled=false}).
 * <ul>
 *   <li>With Spring Security: the {@link TenantFilter} runs inside every security filter chain (through
 *       {@link TenantrySecurityCustomizer}) and is not registered with the servlet container as well; the
 *       tenant comes from {@link AuthenticationTenantConverter} beans, by default the claims of a verified
 *       JWT; {@code tenantry.jwt.issuer} adds an issuer check to Spring Boot's JWT decoder.</li>
 *   <li>Without it: the filter is a servlet filter and only register keys identify callers.</li>
 * </ul>
 * Every bean backs off when the application defines one of the same type (the customizer: of the same
 * name); the error mapping is {@link TenantryExceptionHandler}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({FilterRegistrationBean.class, RestControllerAdvice.class, EntityManagerFactory.class})
@ConditionalOnBooleanProperty(name = "tenantry.web.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(EntityManagerFactory.class)
@EnableConfigurationProperties(TenantryProperties.class)
public final class TenantryWebAutoConfiguration {

  /** Order of the filter when it is a servlet filter: where Spring Security's filter would be, just after. */
  public static final int SERVLET_FILTER_ORDER = -90;

  /** Problem details for isolation refusals and missing tenants. */
  @Bean
  @ConditionalOnMissingBean
  TenantryExceptionHandler tenantryExceptionHandler() {
    return new TenantryExceptionHandler();
  }

  /** {@code Cache-Control: private} and {@code Vary} on tenant responses. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "tenantry.web.cache-control", matchIfMissing = true)
  TenantResponseHeaders tenantResponseHeaders() {
    return new TenantResponseHeaders();
  }

  /** Without Spring Security: a servlet filter that knows register keys only. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("org.springframework.security.config.annotation.web.builders.HttpSecurity")
  static class ServletFilterConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TenantFilter tenantFilter(ObjectProvider<RegisterKeys> registerKeys, EntityManagerFactory entityManagerFactory,
        ObjectProvider<TenantResponseHeaders> responseHeaders, TenantryProperties properties) {
      return new TenantFilter(CallerAuthentication.NONE, registerKeys.getIfAvailable(), entityManagerFactory,
          properties.getWeb().isSelectSingleStore(), responseHeaders.getIfAvailable());
    }

    @Bean
    FilterRegistrationBean<TenantFilter> tenantFilterRegistration(TenantFilter tenantFilter) {
      FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(tenantFilter);
      registration.setOrder(SERVLET_FILTER_ORDER);
      return registration;
    }
  }

  /** With Spring Security: inside every security filter chain, after authentication. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(HttpSecurity.class)
  static class SecurityConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CallerAuthentication tenantryCallerAuthentication(ObjectProvider<AuthenticationTenantConverter> converters,
        TenantryProperties properties) {
      return new SpringSecurityCallers(converters.orderedStream().toList(),
          properties.getRegisterKeys().getAuthorities());
    }

    @Bean
    @ConditionalOnMissingBean
    TenantFilter tenantFilter(CallerAuthentication callers, ObjectProvider<RegisterKeys> registerKeys,
        EntityManagerFactory entityManagerFactory, TenantryProperties properties) {
      // response headers are written by Spring Security's header writer instead, after its own
      return new TenantFilter(callers, registerKeys.getIfAvailable(), entityManagerFactory,
          properties.getWeb().isSelectSingleStore(), null);
    }

    /** Keeps the filter out of the servlet container: it runs inside the security chains only. */
    @Bean
    FilterRegistrationBean<TenantFilter> tenantFilterRegistration(TenantFilter tenantFilter) {
      FilterRegistrationBean<TenantFilter> registration = new FilterRegistrationBean<>(tenantFilter);
      registration.setEnabled(false);
      return registration;
    }

    @Bean
    @ConditionalOnMissingBean(name = "tenantrySecurityCustomizer")
    TenantrySecurityCustomizer tenantrySecurityCustomizer(TenantFilter tenantFilter,
        ObjectProvider<TenantResponseHeaders> responseHeaders, TenantryProperties properties) {
      boolean problems = properties.getWeb().isProblemDetails();
      return new TenantrySecurityCustomizer(tenantFilter, responseHeaders.getIfAvailable(),
          problems ? ProblemAuthenticationEntryPoint.withBearerChallenge() : null,
          problems ? new ProblemAccessDeniedHandler() : null);
    }
  }

  /** The tenant from a JWT verified by Spring Security's OAuth2 resource server. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({HttpSecurity.class, JwtAuthenticationToken.class})
  static class JwtConfiguration {

    @Bean
    @ConditionalOnMissingBean(AuthenticationTenantConverter.class)
    JwtClaimsTenantConverter jwtClaimsTenantConverter(TenantryProperties properties) {
      TenantryProperties.Jwt jwt = properties.getJwt();
      return new JwtClaimsTenantConverter(jwt.getCompanyClaim(), jwt.getRoleClaim(), jwt.getStoresClaim(),
          jwt.getAllStoresRoles(), jwt.getPrincipalClaim());
    }

    /** Picked up by Spring Boot's JWT decoder as an additional validator. */
    @Bean
    @ConditionalOnProperty("tenantry.jwt.issuer")
    OAuth2TokenValidator<Jwt> tenantryIssuerValidator(TenantryProperties properties) {
      return new JwtIssuerValidator(properties.getJwt().getIssuer());
    }
  }
}
