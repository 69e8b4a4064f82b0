package io.tenantry.examples.pos.account;

import io.tenantry.core.model.MemberRole;
import io.tenantry.examples.pos.web.Caller;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Mints the login token: subject = user id, and the claims the starter turns into the tenant
 * ({@code company_id}, {@code role}, {@code store_ids}: a list, or {@code "*"} for every store).
 */
@Component
class Tokens {

  private final JwtEncoder encoder;
  private final Duration ttl;

  Tokens(JwtEncoder encoder, @Value("${pos.token-ttl:PT8H}") Duration ttl) {
    this.encoder = encoder;
    this.ttl = ttl;
  }

  String mint(UUID userId, String email, UUID companyId, MemberRole role, boolean allStores,
      Collection<UUID> stores) {
    Instant now = Instant.now();
    JwtClaimsSet claims = JwtClaimsSet.builder()
        .issuer(Caller.ISSUER)
        .subject(userId.toString())
        .issuedAt(now)
        .expiresAt(now.plus(ttl))
        .claim(Caller.EMAIL_CLAIM, email)
        .claim("company_id", companyId.toString())
        .claim(Caller.ROLE_CLAIM, role.name())
        .claim("store_ids", allStores ? "*" : List.copyOf(stores.stream().map(UUID::toString).toList()))
        .build();
    return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
        .getTokenValue();
  }
}
