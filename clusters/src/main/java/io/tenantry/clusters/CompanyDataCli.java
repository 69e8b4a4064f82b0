package io.tenantry.clusters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The company data command: export, import, verify and delete one company's rows in one database (offboarding,
 * data requests, and the steps of a move done by hand). Exits 0 on success, 1 when {@code verify} finds differences
 * or an operation was refused, 2 on bad usage.
 *
 * <pre>
 * CompanyDataCli export --url jdbc:postgresql://host/pos --user pos_system --company ID --file acme.export
 * CompanyDataCli import --url jdbc:postgresql://other/pos --user pos_system --file acme.export
 * CompanyDataCli verify --url jdbc:postgresql://other/pos --user pos_system --file acme.export
 * CompanyDataCli delete --url jdbc:postgresql://host/pos --user pos_system --company ID [--file acme.export]
 * CompanyDataCli tables --url jdbc:postgresql://host/pos --user pos_system
 * </pre>
 * Common options: {@code --schema} (default {@code public}), {@code --company-table} (default
 * {@code tenantry_company}); the password comes from {@code PGPASSWORD}, never from the command line. The login
 * must see every row (superuser, BYPASSRLS, or the policies' system login). {@code delete} with {@code --file}
 * deletes only when the rows still equal that export.
 */
public final class CompanyDataCli {

  private CompanyDataCli() {
  }

  /**
   * Entry point.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) {
    System.exit(run(args, System.getenv("PGPASSWORD"), new PrintWriter(System.out, true),
        new PrintWriter(System.err, true)));
  }

  static int run(String[] args, String password, PrintWriter out, PrintWriter err) {
    if (args.length == 0) {
      return usage(err, "no command");
    }
    String command = args[0];
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        return usage(err, "unexpected argument '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    String url = options.remove("url");
    if (url == null) {
      return usage(err, "--url is required");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    String user = options.remove("user");
    if (user != null) {
      ds.setUser(user);
    }
    if (password != null && !password.isEmpty()) {
      ds.setPassword(password);
    }
    CompanyData data = CompanyData.of((DataSource) ds);
    if (options.containsKey("schema")) {
      data.schema(options.remove("schema"));
    }
    if (options.containsKey("company-table")) {
      data.companyTable(options.remove("company-table"));
    }
    String company = options.remove("company");
    String file = options.remove("file");
    if (!options.isEmpty()) {
      return usage(err, "unknown option(s) " + options.keySet());
    }
    try {
      switch (command) {
        case "tables" -> data.tables().forEach(out::println);
        case "export" -> {
          if (company == null || file == null) {
            return usage(err, "export needs --company and --file");
          }
          try (OutputStream o = Files.newOutputStream(Path.of(file))) {
            Manifest m = data.export(UUID.fromString(company), o);
            out.println("exported company " + company + ": " + m.rows() + " rows in " + m.tables().size()
                + " tables to " + file);
          }
        }
        case "import" -> {
          if (file == null) {
            return usage(err, "import needs --file");
          }
          try (InputStream in = Files.newInputStream(Path.of(file))) {
            Manifest m = data.importFrom(in);
            out.println("imported and verified company " + m.companyId() + ": " + m.rows() + " rows");
          }
        }
        case "verify" -> {
          if (file == null) {
            return usage(err, "verify needs --file");
          }
          Manifest expected;
          try (InputStream in = Files.newInputStream(Path.of(file))) {
            expected = CompanyData.readManifest(in);
          }
          List<String> differences = data.verify(expected);
          if (!differences.isEmpty()) {
            out.println("company " + expected.companyId() + " differs from " + file + ":");
            differences.forEach(d -> out.println("  " + d));
            return 1;
          }
          out.println("company " + expected.companyId() + " matches " + file + ": " + expected.rows() + " rows");
        }
        case "delete" -> {
          if (company == null) {
            return usage(err, "delete needs --company");
          }
          Manifest expected = null;
          if (file != null) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
              expected = CompanyData.readManifest(in);
            }
          }
          Manifest m = data.delete(UUID.fromString(company), expected);
          out.println("deleted company " + company + ": " + m.rows() + " rows");
        }
        default -> {
          return usage(err, "unknown command '" + command + "'");
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("CompanyDataCli " + command + ": " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintWriter err, String problem) {
    err.println("CompanyDataCli: " + problem);
    err.println("usage: (export --company ID --file F | import --file F | verify --file F"
        + " | delete --company ID [--file F] | tables) --url jdbc:postgresql://host/db [--user u]"
        + " [--schema public] [--company-table tenantry_company]   (password: PGPASSWORD)");
    return 2;
  }
}
