package io.tenantry.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Tenantry under {@code tenantry.*}. Every property has a safe default; an
 * application that adds the starter, a data source and an entity needs none of them.
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

  /** The isolation audit of the live database. */
  public Audit getAudit() {
    return audit;
  }

  /** PostgreSQL row-level security: the second wall. */
  public Rls getRls() {
    return rls;
  }

  /** How the tenant is read from a verified JWT. */
  public Jwt getJwt() {
    return jwt;
  }

  /** Register API keys ({@code X-Register-Key}). */
  public RegisterKeys getRegisterKeys() {
    return registerKeys;
  }

  /** The request filter and HTTP responses. */
  public Web getWeb() {
    return web;
  }

  /** Spring Cache integration. */
  public Cache getCache() {
    return cache;
  }

  /** Task executors and {@code @Async}. */
  public Task getTask() {
    return task;
  }

  /** The isolation audit of the live database (row-level security, constraints, roles). */
  public static class Audit {

    /**
     * What to do when the isolation audit finds a hole at start-up: fail, warn or off. The audit runs
     * when Hibernate starts on the row-level-security DataSource ({@code tenantry.rls.enabled}).
     */
    private Mode onStartup = Mode.FAIL;

    /** What to do with audit findings at start-up. */
    public Mode getOnStartup() {
      return onStartup;
    }

    /** Sets what to do with audit findings at start-up. */
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
   * migration ({@code TenantryRls.policySql}).
   */
  public static class Rls {

    /** Whether to wrap the application's DataSource for row-level security. */
    private boolean enabled = true;

    private final SystemLogin system = new SystemLogin();

    private final OneLogin oneLogin = new OneLogin();

    /** Whether to wrap the application's DataSource for row-level security. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether to wrap the application's DataSource for row-level security. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The separate login that {@code Tenancy.asSystem} work uses. */
    public SystemLogin getSystem() {
      return system;
    }

    /** Running from one configured login: the owner, which migrates and creates the other two. */
    public OneLogin getOneLogin() {
      return oneLogin;
    }

    /**
     * One configured login ({@code spring.datasource.*}) that owns the schema: Flyway migrates through it,
     * then creates or checks the application role and the system role ({@code TenantryRoles}), sets their
     * passwords, and the application serves through them. Needs Flyway and a HikariCP DataSource.
     */
    public static class OneLogin {

      /** Whether the configured login is the owner that migrates and creates the application and system roles. */
      private boolean enabled;

      /** The role requests run as; defaults to the owner's user name followed by {@code _app}. */
      private String appRole;

      /**
       * Its password; when unset a random one is set at every start (configure it when several instances
       * share the database: a restart would otherwise change it under the others).
       */
      private String appPassword;

      /** Whether the configured login is the owner that migrates and creates the application and system roles. */
      public boolean isEnabled() {
        return enabled;
      }

      /** Sets whether the configured login is the owner that creates the other two. */
      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      /** The role requests run as. */
      public String getAppRole() {
        return appRole;
      }

      /** Sets the role requests run as. */
      public void setAppRole(String appRole) {
        this.appRole = appRole;
      }

      /** The application role's password. */
      public String getAppPassword() {
        return appPassword;
      }

      /** Sets the application role's password. */
      public void setAppPassword(String appPassword) {
        this.appPassword = appPassword;
      }
    }

    /**
     * The login for {@code Tenancy.asSystem} work (register-key lookup, per-company jobs, the
     * actuator counts): a role named in the generated policies, or one with BYPASSRLS. Without it,
     * system work sees no tenant rows.
     */
    public static class SystemLogin {

      /** JDBC URL of the system login; defaults to {@code spring.datasource.url}. */
      private String url;

      /**
       * User name of the system login; system access is disabled when unset (in one-login mode it defaults to
       * the owner's user name followed by {@code _system}).
       */
      private String username;

      /** Password of the system login. */
      private String password;

      /** Largest number of connections of the system pool (HikariCP). */
      private int maximumPoolSize = 5;

      /** Connections the system pool keeps open when idle. */
      private int minimumIdle;

      /** How long system work waits for a connection before failing. */
      private Duration connectionTimeout = Duration.ofSeconds(30);

      /** Largest number of connections of the system pool. */
      public int getMaximumPoolSize() {
        return maximumPoolSize;
      }

      /** Sets the largest number of connections of the system pool. */
      public void setMaximumPoolSize(int maximumPoolSize) {
        this.maximumPoolSize = maximumPoolSize;
      }

      /** Connections the system pool keeps open when idle. */
      public int getMinimumIdle() {
        return minimumIdle;
      }

      /** Sets the connections the system pool keeps open when idle. */
      public void setMinimumIdle(int minimumIdle) {
        this.minimumIdle = minimumIdle;
      }

      /** How long system work waits for a connection. */
      public Duration getConnectionTimeout() {
        return connectionTimeout;
      }

      /** Sets how long system work waits for a connection. */
      public void setConnectionTimeout(Duration connectionTimeout) {
        this.connectionTimeout = connectionTimeout;
      }

      /** JDBC URL of the system login. */
      public String getUrl() {
        return url;
      }

      /** Sets the JDBC URL of the system login. */
      public void setUrl(String url) {
        this.url = url;
      }

      /** User name of the system login. */
      public String getUsername() {
        return username;
      }

      /** Sets the user name of the system login. */
      public void setUsername(String username) {
        this.username = username;
      }

      /** Password of the system login. */
      public String getPassword() {
        return password;
      }

      /** Sets the password of the system login. */
      public void setPassword(String password) {
        this.password = password;
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
     * Name of the claim that carries the granted store ids: a list of UUID strings, or the string
     * "*" for every store of the company.
     */
    private String storesClaim = "store_ids";

    /** Roles that see every store of the company, whatever the stores claim says. */
    private List<String> allStoresRoles = new ArrayList<>(List.of("OWNER"));

    /** Name of the claim used as the principal's name in the tenant context and in logs. */
    private String principalClaim = "sub";

    /**
     * Issuer every token must name in its "iss" claim. When set, a validator is added to the JWT
     * decoder that Spring Boot builds from spring.security.oauth2.resourceserver.jwt.*.
     */
    private String issuer;

    /** Name of the company claim. */
    public String getCompanyClaim() {
      return companyClaim;
    }

    /** Sets the name of the company claim. */
    public void setCompanyClaim(String companyClaim) {
      this.companyClaim = companyClaim;
    }

    /** Name of the role claim. */
    public String getRoleClaim() {
      return roleClaim;
    }

    /** Sets the name of the role claim. */
    public void setRoleClaim(String roleClaim) {
      this.roleClaim = roleClaim;
    }

    /** Name of the stores claim. */
    public String getStoresClaim() {
      return storesClaim;
    }

    /** Sets the name of the stores claim. */
    public void setStoresClaim(String storesClaim) {
      this.storesClaim = storesClaim;
    }

    /** Roles that see every store. */
    public List<String> getAllStoresRoles() {
      return allStoresRoles;
    }

    /** Sets the roles that see every store. */
    public void setAllStoresRoles(List<String> allStoresRoles) {
      this.allStoresRoles = allStoresRoles;
    }

    /** Name of the principal claim. */
    public String getPrincipalClaim() {
      return principalClaim;
    }

    /** Sets the name of the principal claim. */
    public void setPrincipalClaim(String principalClaim) {
      this.principalClaim = principalClaim;
    }

    /** The required issuer, or {@code null}. */
    public String getIssuer() {
      return issuer;
    }

    /** Sets the required issuer. */
    public void setIssuer(String issuer) {
      this.issuer = issuer;
    }

  }

  /** Register API keys, sent in the {@code X-Register-Key} header. */
  public static class RegisterKeys {

    /** Whether requests may authenticate with a register API key in the X-Register-Key header. */
    private boolean enabled = true;

    /** Shortest time between two writes of a key's last-seen time; requests in between only read. */
    private Duration lastSeenInterval = Duration.ofMinutes(1);

    /** Authorities granted to a request authenticated by a register key. */
    private List<String> authorities = new ArrayList<>(List.of("ROLE_REGISTER"));

    /** Whether register keys are accepted. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether register keys are accepted. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** Shortest time between two last-seen writes. */
    public Duration getLastSeenInterval() {
      return lastSeenInterval;
    }

    /** Sets the shortest time between two last-seen writes. */
    public void setLastSeenInterval(Duration lastSeenInterval) {
      this.lastSeenInterval = lastSeenInterval;
    }

    /** Authorities of a register-key request. */
    public List<String> getAuthorities() {
      return authorities;
    }

    /** Sets the authorities of a register-key request. */
    public void setAuthorities(List<String> authorities) {
      this.authorities = authorities;
    }
  }

  /** The request filter and the HTTP responses of tenant requests. */
  public static class Web {

    /** Whether the request filter binds the caller's tenant for the extent of each request. */
    private boolean enabled = true;

    /**
     * Whether responses to authenticated requests get "Cache-Control: private" when nothing else set
     * a Cache-Control header, and "Vary: Authorization, X-Register-Key, X-Store-Id".
     */
    private boolean cacheControl = true;

    /**
     * Whether Spring Security's authentication and authorization failures are answered with RFC 9457
     * problem details, including the resource server's invalid-token responses.
     */
    private boolean problemDetails = true;

    /** Whether a principal granted exactly one store has it selected without an X-Store-Id header. */
    private boolean selectSingleStore = true;

    /** Whether the request filter is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets whether the request filter is on. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** Whether cache headers are written. */
    public boolean isCacheControl() {
      return cacheControl;
    }

    /** Sets whether cache headers are written. */
    public void setCacheControl(boolean cacheControl) {
      this.cacheControl = cacheControl;
    }

    /** Whether security failures are answered with problem details. */
    public boolean isProblemDetails() {
      return problemDetails;
    }

    /** Sets whether security failures are answered with problem details. */
    public void setProblemDetails(boolean problemDetails) {
      this.problemDetails = problemDetails;
    }

    /** Whether a single granted store is selected automatically. */
    public boolean isSelectSingleStore() {
      return selectSingleStore;
    }

    /** Sets whether a single granted store is selected automatically. */
    public void setSelectSingleStore(boolean selectSingleStore) {
      this.selectSingleStore = selectSingleStore;
    }
  }

  /** Spring Cache integration. */
  public static class Cache {

    /** Whether the default Spring Cache key generator puts the caller's tenant into every key. */
    private boolean tenantKeys = true;

    /** Whether cache keys carry the tenant. */
    public boolean isTenantKeys() {
      return tenantKeys;
    }

    /** Sets whether cache keys carry the tenant. */
    public void setTenantKeys(boolean tenantKeys) {
      this.tenantKeys = tenantKeys;
    }
  }

  /** Task executors and {@code @Async}. */
  public static class Task {

    /**
     * Whether a TaskDecorator carries the submitting thread's tenant to the task executors Spring
     * Boot builds, @Async methods included.
     */
    private boolean propagate = true;

    /** Whether the tenant is propagated to task executors. */
    public boolean isPropagate() {
      return propagate;
    }

    /** Sets whether the tenant is propagated to task executors. */
    public void setPropagate(boolean propagate) {
      this.propagate = propagate;
    }
  }
}
