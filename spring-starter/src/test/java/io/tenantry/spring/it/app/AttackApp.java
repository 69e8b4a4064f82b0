package io.tenantry.spring.it.app;

import static org.springframework.security.config.Customizer.withDefaults;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A small point-of-sale API the HTTP tests attack. It has its own security chain (Tenantry must
 * join chains the application defines), one public path, one entity extending StoreOwned.
 */
@SpringBootApplication
@EnableAsync
@EnableCaching
public class AttackApp {

  @Bean
  SecurityFilterChain api(HttpSecurity http) {
    http.authorizeHttpRequests(requests -> requests
            .requestMatchers("/public/**").permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(resourceServer -> resourceServer.jwt(withDefaults()))
        .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
    return http.build();
  }
}
