package io.tenantry.spring.autoconfigure;

import io.tenantry.spring.internal.ProblemErrorController;
import io.tenantry.spring.internal.ProblemErrorReportValve;
import io.tenantry.spring.internal.ProblemRequestRejectedHandler;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * One error shape at the HTTP edge: RFC 9457 problem details ({@code application/problem+json}) also for
 * the errors answered outside Spring MVC's exception handling — Spring Security's firewall refusals
 * ({@code //}, {@code ..}, {@code ;} in a URL), the container's error path ({@code /error}: a filter's
 * {@code sendError}, an exception thrown in a filter; browsers keep Boot's HTML error pages) and Tomcat's own answers to requests it cannot parse
 * (instead of its HTML page). Each piece backs off when the application defines its own
 * ({@code RequestRejectedHandler}, {@code ErrorController}); all are off with {@code tenantry.web.enabled=false}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "tenantry.web.enabled", matchIfMissing = true)
public final class TenantryErrorsAutoConfiguration {

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({ErrorController.class, DispatcherServlet.class, BasicErrorController.class})
  @EnableConfigurationProperties(WebProperties.class)
  static class ErrorPathConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController tenantryErrorController(ErrorAttributes errorAttributes, WebProperties web,
        ObjectProvider<ErrorViewResolver> errorViewResolvers) {
      return new ProblemErrorController(errorAttributes, web.getError(), errorViewResolvers.orderedStream().toList());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RequestRejectedHandler.class)
  static class FirewallConfiguration {

    @Bean
    @ConditionalOnMissingBean(RequestRejectedHandler.class)
    RequestRejectedHandler tenantryRequestRejectedHandler() {
      return new ProblemRequestRejectedHandler();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({Tomcat.class, ConfigurableTomcatWebServerFactory.class})
  static class TomcatConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> tenantryProblemErrorReports() {
      return new ProblemErrorReports();
    }
  }

  /**
   * Puts {@link ProblemErrorReportValve} where Tomcat's {@code ErrorReportValve} was: on the host (after Spring
   * Boot's customizer added its own, hence the lowest precedence) and on the engine, which answers requests
   * no host was mapped for.
   */
  static final class ProblemErrorReports
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addEngineValves(new ProblemErrorReportValve());
      factory.addContextCustomizers(context -> {
        if (context.getParent() instanceof StandardHost host) {
          host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
          boolean present = false;
          for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
              present = true;
            } else if (valve instanceof ErrorReportValve) {
              host.getPipeline().removeValve(valve);
            }
          }
          if (!present) {
            host.getPipeline().addValve(new ProblemErrorReportValve());
          }
        }
      });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
