package io.tenantry.hibernate.rls;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The isolation audit from the command line; exits 0 when clean, 1 on findings, 2 on bad usage or
 * when the database cannot be read.
 *
 * <pre>
 * java -cp tenantry-hibernate.jar:tenantry-core.jar:postgresql.jar:slf4j-api.jar \
 *   io.tenantry.hibernate.rls.IsolationAuditCli --url jdbc:postgresql://localhost/pos --user pos_owner \
 *   [--password …] [--app-role pos_app] [--system-role pos_system] [--schema public]
 *   [--allow-security-definer fn1,fn2]
 * </pre>
 * Without {@code --system-role} the system login is read from the existing Tenantry policies.
 */
public final class IsolationAuditCli {

  private IsolationAuditCli() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  static int run(String[] args, PrintWriter out, PrintWriter err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        return usage(err, "unexpected argument '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String url = options.remove("url");
    if (url == null) {
      return usage(err, "--url is required");
    }
    String user = options.remove("user");
    String password = options.remove("password");
    IsolationAudit audit = IsolationAudit.of(new DriverDataSource(url, user, password));
    if (options.containsKey("app-role")) {
      audit.appRole(options.remove("app-role"));
    }
    if (options.containsKey("system-role")) {
      audit.systemRole(options.remove("system-role"));
    }
    if (options.containsKey("schema")) {
      audit.schema(options.remove("schema"));
    }
    if (options.containsKey("allow-security-definer")) {
      audit.allowSecurityDefiner(options.remove("allow-security-definer").split(","));
    }
    if (!options.isEmpty()) {
      return usage(err, "unknown option(s) " + options.keySet());
    }
    try {
      AuditReport report = audit.run();
      out.println(report);
      return report.isClean() ? 0 : 1;
    } catch (IllegalStateException e) {
      err.println(e.getMessage());
      return 2;
    }
  }

  private static int usage(PrintWriter err, String problem) {
    err.println("IsolationAuditCli: " + problem);
    err.println("usage: --url jdbc:postgresql://host/db [--user u] [--password p] [--app-role role]"
        + " [--system-role role] [--schema public] [--allow-security-definer f1,f2]");
    return 2;
  }

  /** A DriverManager-backed DataSource: the CLI needs one connection and no pool. */
  private static final class DriverDataSource implements DataSource {
    private final String url;
    private final String user;
    private final String password;

    DriverDataSource(String url, String user, String password) {
      this.url = url;
      this.user = user;
      this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
      return DriverManager.getConnection(url, u, p);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
