package io.tenantry.benchmarks.app.isolationoff;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Found by Spring Boot's auto-configuration in the POS started for the isolation-off side of the benchmark (the
 * class-path directory {@link IsolationOffClassPath} writes names it); never on the POS's own class path.
 */
@Configuration(proxyBeanMethods = false)
public class IsolationOffConfiguration {

  @Bean
  static BeanPostProcessor tenantIsolationOff(Environment env) {
    return new IsolationOffPostProcessor(env);
  }
}
