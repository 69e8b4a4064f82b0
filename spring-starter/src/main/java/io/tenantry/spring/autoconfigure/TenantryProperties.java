package io.tenantry.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Tenantry under {@code tenantry.*}. Every property has a safe default; an
 * application that adds the starter, a data source and an entity needs none of them.
 *
 * <p>As in Spring Boot's own {@code *Properties} classes, each property is documented once, on its field: the
 * configuration processor turns that text into {@code META-INF/spring-configuration-metadata.json} (IDE
 * completion), and the property table of {@code docs/starter.md} is generated from the metadata
 * ({@code PropertyTableTest}). Getters and setters carry no documentation of their own.
 */
@ConfigurationProperties(prefix = "tenantry")
public class TenantryProperties {

  private final Audit audit = new Audit();

  private final Rls rls = new Rls();

  private final Jwt jwt = new Jwt();

  private final RegisterKeys registerKeys = new RegisterKeys();

  private final Web web = new Web();

  private final Cache cache = new Cache();

  private final Task task = new Task();

  public Audit getAudit() {
    return this.audit;
  }

  public Rls getRls() {
    return this.rls;
  }

  public Jwt getJwt() {
    return this.jwt;
  }

  public RegisterKeys getRegisterKeys() {
    return this.registerKeys;
  }

  public Web getWeb() {
    return this.web;
  }

  public Cache getCache() {
    return this.cache;
  }

  public Task getTask() {
    return this.task;
  }

  /** The isolation audit of the live database (row-level security, constraints, roles). */
  public static class Audit {

    /**
     * What to do when the isolation audit finds a hole at start-up: fail, warn or off. The audit runs when
     * Hibernate starts on the row-level-security DataSource (tenantry.rls.enabled), or when set explicitly.
     */
    private Mode onStartup = Mode.FAIL;

    public Mode getOnStartup() {
      return this.onStartup;
    }

    public void setOnStartup(Mode onStartup) {
      this.onStartup = onStartup;
    }

    /** What to do with the findings of the start-up audit. */
    public enum Mode {
      /** Refuse to start. */
      FAIL,
      /** Start, and log every finding at WARN. */
      WARN,
      /** Do not run the audit at start-up. */
      OFF
    }
  }

  /**
   * PostgreSQL row-level security. The application's DataSource is wrapped so that every transaction
   * carries the bound tenant as transaction-local settings; the policies themselves come from a
   * migration ({@code TenantryRls.mappingPolicySql}).
   */
  public static class Rls {

    /**
     * Whether to wrap the application's DataSource (the only one, or the @Primary one) for row-level
     * security.
     */
    private boolean enabled = true;

    private final SystemLogin system = new SystemLogin();

    private final OneLogin oneLogin = new OneLogin();

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public SystemLogin getSystem() {
      return this.system;
    }

    public OneLogin getOneLogin() {
      return this.oneLogin;
    }

    /**
     * One configured login ({@code spring.datasource.*}) that owns the schema: Flyway migrates through it,
     * then creates or checks the application role and the system role ({@code TenantryRoles}), sets their
     * passwords, and the application serves through them. Needs Flyway and a HikariCP DataSource.
     */
    public static class OneLogin {

      /**
       * Whether the configured login is the owner, which migrates and creates the application and system
       * roles.
       */
      private boolean enabled;

      /** Role requests run as in one-login mode. Defaults to the owner's user name followed by "_app". */
      private String appRole;

      /**
       * Password of the application role in one-login mode. When unset, a random one is set at every start: set
       * it when several instances share the database, as a restart would otherwise change it under the others.
       */
      private String appPassword;

      public boolean isEnabled() {
        return this.enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      public String getAppRole() {
        return this.appRole;
      }

      public void setAppRole(String appRole) {
        this.appRole = appRole;
      }

      public String getAppPassword() {
        return this.appPassword;
      }

      public void setAppPassword(String appPassword) {
        this.appPassword = appPassword;
      }
    }

    /**
     * The login for {@code Tenancy.runAsSystem} work (register-key lookup, per-company jobs, the
     * actuator counts): a role named in the generated policies, or one with BYPASSRLS. Without it,
     * system work sees no tenant rows.
     */
    public static class SystemLogin {

      /** JDBC URL of the system login. Defaults to spring.datasource.url. */
      private String url;

      /**
       * User name of the system login, for Tenancy.runAsSystem and supplyAsSystem work; name it in the policy
       * migration (--system-role). When unset, system work sees no tenant rows; in one-login mode it defaults to
       * the owner's user name followed by "_system".
       */
      private String username;

      /** Password of the system login. In one-login mode, a random one is set at every start when unset. */
      private String password;

      /** Maximum number of connections of the system pool (HikariCP). */
      private int maximumPoolSize = 5;

      /** Number of connections the system pool keeps open when idle. */
      private int minimumIdle;

      /** How long system work waits for a connection before failing. */
      private Duration connectionTimeout = Duration.ofSeconds(30);

      public String getUrl() {
        return this.url;
      }

      public void setUrl(String url) {
        this.url = url;
      }

      public String getUsername() {
        return this.username;
      }

      public void setUsername(String username) {
        this.username = username;
      }

      public String getPassword() {
        return this.password;
      }

      public void setPassword(String password) {
        this.password = password;
      }

      public int getMaximumPoolSize() {
        return this.maximumPoolSize;
      }

      public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
      }

      public int getMinimumIdle() {
        return this.minimumIdle;
      }

      public void setMinimumIdle(int minimumIdle) {
        this.minimumIdle = minimumIdle;
      }

      public Duration getConnectionTimeout() {
        return this.connectionTimeout;
      }

      public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
      }
    }
  }

  /** How the tenant is read from a JWT verified by Spring Security's OAuth2 resource server. */
  public static class Jwt {

    /** Name of the claim that carries the company (tenant) id, a UUID string. */
    private String companyClaim = "company_id";

    /** Name of the claim that carries the member's role, a string or a list of strings. */
    private String roleClaim = "role";

    /**
     * Name of the claim that carries the granted store ids: a list of UUID strings, or the string "*" for every
     * store of the company.
     */
    private String storesClaim = "store_ids";

    /** Roles that see every store of the company, whatever the stores claim says. */
    private List<String> allStoresRoles = new ArrayList<>(List.of("OWNER"));

    /** Name of the claim used as the principal's name in the tenant context and in logs. */
    private String principalClaim = "sub";

    /**
     * Issuer every token must name in its "iss" claim. When set, a validator is added to the JWT decoder that
     * Spring Boot builds from spring.security.oauth2.resourceserver.jwt.*.
     */
    private String issuer;

    public String getCompanyClaim() {
      return this.companyClaim;
    }

    public void setCompanyClaim(String companyClaim) {
      this.companyClaim = companyClaim;
    }

    public String getRoleClaim() {
      return this.roleClaim;
    }

    public void setRoleClaim(String roleClaim) {
      this.roleClaim = roleClaim;
    }

    public String getStoresClaim() {
      return this.storesClaim;
    }

    public void setStoresClaim(String storesClaim) {
      this.storesClaim = storesClaim;
    }

    public List<String> getAllStoresRoles() {
      return this.allStoresRoles;
    }

    public void setAllStoresRoles(List<String> allStoresRoles) {
      this.allStoresRoles = allStoresRoles;
    }

    public String getPrincipalClaim() {
      return this.principalClaim;
    }

    public void setPrincipalClaim(String principalClaim) {
      this.principalClaim = principalClaim;
    }

    public String getIssuer() {
      return this.issuer;
    }

    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }
  }

  /** Register API keys, sent in the {@code X-Register-Key} header. */
  public static class RegisterKeys {

    /**
     * Whether requests may authenticate with a register API key in the X-Register-Key header (and the key
     * entity is mapped).
     */
    private boolean enabled = true;

    /** Shortest time between two writes of a key's last-seen time; requests in between only read. */
    private Duration lastSeenInterval = Duration.ofMinutes(1);

    /** Authorities granted to a request authenticated by a register key. */
    private List<String> authorities = new ArrayList<>(List.of("ROLE_REGISTER"));

    private final DirectoryCache directoryCache = new DirectoryCache();

    public boolean isEnabled() {
      return this.enabled;
    }

    public DirectoryCache getDirectoryCache() {
      return this.directoryCache;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getLastSeenInterval() {
      return this.lastSeenInterval;
    }

    public void setLastSeenInterval(Duration lastSeenInterval) {
      this.lastSeenInterval = lastSeenInterval;
    }

    public List<String> getAuthorities() {
      return this.authorities;
    }

    public void setAuthorities(List<String> authorities) {
      this.authorities = authorities;
    }

    /**
     * Where the row of a key that authenticated is (its id and company), kept in memory so that the key's later
     * requests skip the directory read. The key row itself is read and checked on every request.
     */
    public static class DirectoryCache {

      /**
       * The most register keys whose directory answer is kept. 0 keeps none: every request reads the directory.
       */
      private int maxKeys = 10_000;

      /**
       * How long a key's directory answer is used before the directory is read again, at most 1d. 0 keeps none:
       * every request reads the directory.
       */
      private Duration ttl = Duration.ofMinutes(10);

      public int getMaxKeys() {
        return this.maxKeys;
      }

      public void setMaxKeys(int maxKeys) {
        this.maxKeys = maxKeys;
      }

      public Duration getTtl() {
        return this.ttl;
      }

      public void setTtl(Duration ttl) {
        this.ttl = ttl;
      }
    }
  }

  /** The request filter and the HTTP responses of tenant requests. */
  public static class Web {

    /** Whether the request filter binds the caller's tenant for the extent of each request. */
    private boolean enabled = true;

    /**
     * Whether responses to authenticated requests get "Cache-Control: private" when nothing else set a
     * Cache-Control header, and "Vary: Authorization, X-Register-Key, X-Store-Id".
     */
    private boolean cacheControl = true;

    /**
     * Whether Spring Security's authentication and authorization failures (401, 403) are answered with RFC 9457
     * problem details, including the resource server's invalid-token responses, and a bearer token the server
     * cannot check (its issuer or JWK set unreachable) with 503 and Retry-After instead of an error.
     */
    private boolean problemDetails = true;

    /** Whether a principal granted exactly one store has it selected without an X-Store-Id header. */
    private boolean selectSingleStore = true;

    public boolean isEnabled() {
      return this.enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isCacheControl() {
      return this.cacheControl;
    }

    public void setCacheControl(boolean cacheControl) {
      this.cacheControl = cacheControl;
    }

    public boolean isProblemDetails() {
      return this.problemDetails;
    }

    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }

    public boolean isSelectSingleStore() {
      return this.selectSingleStore;
    }

    public void setSelectSingleStore(boolean selectSingleStore) {
      this.selectSingleStore = selectSingleStore;
    }
  }

  /** Spring Cache integration. */
  public static class Cache {

    /** Whether the default Spring Cache key generator puts the caller's tenant into every key. */
    private boolean tenantKeys = true;

    public boolean isTenantKeys() {
      return this.tenantKeys;
    }

    public void setTenantKeys(boolean tenantKeys) {
      this.tenantKeys = tenantKeys;
    }
  }

  /** Task executors and {@code @Async}. */
  public static class Task {

    /**
     * Whether a TaskDecorator (TenantTaskDecorator) carries the submitting thread's tenant to the task executors
     * Spring Boot builds, @Async methods included.
     */
    private boolean propagate = true;

    public boolean isPropagate() {
      return this.propagate;
    }

    public void setPropagate(boolean propagate) {
      this.propagate = propagate;
    }
  }
}
