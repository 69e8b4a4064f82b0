package io.tenantry.examples.pos.web;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. This server is its own token issuer: login mints an RS256 JWT with the tenant
 * claims the Tenantry starter reads ({@code company_id}, {@code role}, {@code store_ids}), signed with
 * a key pair generated at start (tokens end with the process; a real deployment would load the key
 * or use an identity provider). The resource server verifies signature, algorithm (RS256 only:
 * no {@code alg: none}, no key confusion), expiry and issuer; the starter then binds the tenant,
 * resolves {@code X-Register-Key} and checks {@code X-Store-Id} against the grants.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  /** The {@code iss} of every token this server mints and accepts. */
  static final String ISSUER = Caller.ISSUER;

  @Bean
  SecurityFilterChain api(HttpSecurity http) throws Exception {
    http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/signup", "/api/signup/confirm", "/api/auth/login",
                "/api/invitations/accept").permitAll()
            .requestMatchers("/api/**").authenticated()
            .anyRequest().permitAll())
        .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // stateless, no cookies: credentials travel in headers a cross-site form cannot set
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /** In front of the Tenantry starter's filter (order -90) and Spring Security's (-100): see {@link UnknownKeyGate}. */
  @Bean
  FilterRegistrationBean<UnknownKeyGate> unknownKeyGate() {
    FilterRegistrationBean<UnknownKeyGate> registration = new FilterRegistrationBean<>(new UnknownKeyGate());
    registration.setOrder(-200);
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  @Bean
  RSAKey tokenSigningKey() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
          .privateKey((RSAPrivateKey) pair.getPrivate())
          .keyID(UUID.randomUUID().toString())
          .build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is required of every Java platform", e);
    }
  }

  @Bean
  JwtEncoder jwtEncoder(RSAKey tokenSigningKey) {
    return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(tokenSigningKey)));
  }

  @Bean
  JwtDecoder jwtDecoder(RSAKey tokenSigningKey) throws Exception {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey())
        .signatureAlgorithm(SignatureAlgorithm.RS256)
        .build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
        new JwtTimestampValidator(), new JwtIssuerValidator(ISSUER))));
    return decoder;
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
