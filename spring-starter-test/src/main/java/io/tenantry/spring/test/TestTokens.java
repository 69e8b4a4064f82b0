package io.tenantry.spring.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints RS256-signed JWTs with Tenantry's default tenant claims, for tests that go through the real
 * resource server. Configure the application under test with the public key:
 *
 * <pre>{@code
 * static final TestTokens TOKENS = TestTokens.generate("https://issuer.test");
 *
 * @DynamicPropertySource
 * static void jwt(DynamicPropertyRegistry registry) {
 *   registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TOKENS::publicKeyLocation);
 *   registry.add("tenantry.jwt.issuer", TOKENS::issuer);
 * }
 *
 * String owner = TOKENS.owner(companyId);
 * String cashier = TOKENS.token().company(companyId).role("CASHIER").stores(storeId).sign();
 * }</pre>
 *
 * Outside tests, {@link #persistent(Path, String)} and {@link #main(String[])} mint development tokens
 * with a key kept in a file.
 *
 * <p>Claim names are the starter's defaults ({@code company_id}, {@code role}, {@code store_ids}); use
 * {@link Token#claim(String, Object)} for others.
 */
public final class TestTokens {

  private final RSAKey key;
  private final String issuer;
  private Path publicKeyFile;

  private TestTokens(RSAKey key, String issuer) {
    this.key = key;
    this.issuer = issuer;
  }

  /** A new 2048-bit RSA key pair; tokens name {@code issuer} in {@code iss}. */
  public static TestTokens generate(String issuer) {
    try {
      return new TestTokens(new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate(), issuer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not generate an RSA key for test tokens", e);
    }
  }

  /**
   * Tokens signed by a key kept in {@code keyFile} (a JWK with its private part, created on first use),
   * so that a development application configured once with {@link #writePublicKey(Path)}'s file keeps
   * accepting them across restarts. For development only: anyone with the file can sign as any tenant.
   */
  public static TestTokens persistent(Path keyFile, String issuer) {
    try {
      if (Files.exists(keyFile)) {
        return new TestTokens(RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8)), issuer);
      }
      TestTokens tokens = generate(issuer);
      Path dir = keyFile.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(keyFile, tokens.key.toJSONString(), StandardCharsets.UTF_8);
      return tokens;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read or write the development signing key " + keyFile, e);
    } catch (java.text.ParseException e) {
      throw new IllegalArgumentException(keyFile + " is not an RSA JWK: delete it to start with a new key", e);
    }
  }

  /** Writes the public key in PEM to {@code file}, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
  public Path writePublicKey(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      return Files.writeString(file, publicKeyPem(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the public key to " + file, e);
    }
  }

  /**
   * Mints a development token from the command line, with the key of {@link #persistent(Path, String)}:
   *
   * <pre>
   * java -cp … io.tenantry.spring.test.TestTokens --key .dev/jwt.jwk --issuer http://localhost/dev \
   *   --company 0190c6a1-… [--role OWNER] [--stores id,id | *] [--subject alice] [--hours 8]
   * </pre>
   *
   * Prints the token; writes the public key next to the key file ({@code .pem}) and names the two properties
   * the application needs on standard error.
   */
  public static void main(String[] args) {
    java.util.Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || !options.containsKey("key") || !options.containsKey("company")) {
      System.err.println("usage: TestTokens --key FILE --company UUID [--issuer URL] [--role OWNER] "
          + "[--stores id,id|*] [--subject NAME] [--hours 8]");
      System.exit(2);
      return;
    }
    Path keyFile = Path.of(options.get("key"));
    TestTokens tokens = persistent(keyFile, options.getOrDefault("issuer", "http://localhost/dev"));
    Path pem = tokens.writePublicKey(keyFile.resolveSibling(keyFile.getFileName() + ".pem"));
    Token token = tokens.token().company(UUID.fromString(options.get("company")))
        .role(options.getOrDefault("role", "OWNER"))
        .subject(options.getOrDefault("subject", "dev-user"))
        .expiresAt(Instant.now().plus(Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "8")))));
    String stores = options.get("stores");
    if ("*".equals(stores)) {
      token.allStores();
    } else if (stores != null) {
      token.stores(java.util.Arrays.stream(stores.split(",")).map(String::trim).map(UUID::fromString)
          .toArray(UUID[]::new));
    }
    System.err.println("spring.security.oauth2.resourceserver.jwt.public-key-location=" + pem.toUri());
    System.err.println("tenantry.jwt.issuer=" + tokens.issuer());
    System.out.println(token.sign());
  }

  /** The issuer tokens name by default. */
  public String issuer() {
    return issuer;
  }

  /** The public key that verifies the tokens. */
  public RSAPublicKey publicKey() {
    try {
      return key.toRSAPublicKey();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key in PEM ({@code -----BEGIN PUBLIC KEY-----}). */
  public String publicKeyPem() {
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(publicKey().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
  }

  /**
   * A {@code file:} location of the public key in PEM, for
   * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}; written on first call.
   */
  public synchronized String publicKeyLocation() {
    if (publicKeyFile == null) {
      try {
        publicKeyFile = Files.createTempFile("tenantry-test-jwt-", ".pem");
        publicKeyFile.toFile().deleteOnExit();
        Files.writeString(publicKeyFile, publicKeyPem(), StandardCharsets.US_ASCII);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not write the test public key", e);
      }
    }
    return publicKeyFile.toUri().toString();
  }

  /** A token for a whole company (role {@code OWNER}, every store). */
  public String owner(UUID company) {
    return token().company(company).role("OWNER").sign();
  }

  /** A token for a member with the given role and granted stores. */
  public String member(UUID company, String role, UUID... stores) {
    return token().company(company).role(role).stores(stores).sign();
  }

  /** Starts a token: subject {@code test-user}, this issuer, valid for 5 minutes from now. */
  public Token token() {
    return new Token();
  }

  /** A token being built; {@link #sign()} finishes it. */
  public final class Token {

    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String subject = "test-user";
    private String tokenIssuer = issuer;
    private Instant issuedAt = Instant.now();
    private Instant expiresAt = issuedAt.plus(Duration.ofMinutes(5));

    private Token() {}

    /** The {@code company_id} claim. */
    public Token company(UUID company) {
      return claim("company_id", company.toString());
    }

    /** The {@code role} claim. */
    public Token role(String role) {
      return claim("role", role);
    }

    /** The {@code store_ids} claim: exactly these stores. */
    public Token stores(UUID... stores) {
      return claim("store_ids", java.util.Arrays.stream(stores).map(UUID::toString).toList());
    }

    /** The {@code store_ids} claim as {@code "*"}: every store of the company. */
    public Token allStores() {
      return claim("store_ids", "*");
    }

    /** The {@code sub} claim. */
    public Token subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The {@code iss} claim, instead of the generator's issuer. */
    public Token issuer(String issuer) {
      this.tokenIssuer = issuer;
      return this;
    }

    /** The {@code exp} claim; a past instant makes an expired token. */
    public Token expiresAt(Instant expiresAt) {
      this.expiresAt = expiresAt;
      return this;
    }

    /** The {@code iat} claim. */
    public Token issuedAt(Instant issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    /** Any claim; a {@code List} becomes a JSON array. */
    public Token claim(String name, Object value) {
      claims.put(name, value instanceof List<?> list ? List.copyOf(list) : value);
      return this;
    }

    /** Signs the token with RS256 and returns its compact form. */
    public String sign() {
      JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
          .subject(subject)
          .issuer(tokenIssuer)
          .issueTime(Date.from(issuedAt))
          .expirationTime(Date.from(expiresAt))
          .jwtID(UUID.randomUUID().toString());
      claims.forEach(set::claim);
      try {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
            set.build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
      } catch (JOSEException e) {
        throw new IllegalStateException("Could not sign the test token", e);
      }
    }
  }
}
