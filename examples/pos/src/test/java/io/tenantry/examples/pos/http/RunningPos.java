package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import io.tenantry.examples.pos.PosApplication;
import io.tenantry.examples.pos.account.Outbox;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application as it runs for its users: {@code PosApplication} on a free port, on a fresh real
 * PostgreSQL database of the test class ({@code @TenantryPostgres}; the migrations run as the database's
 * admin, requests as app and system roles that are neither superuser, BYPASSRLS nor owner), and the tests
 * talking to it over HTTP with the JDK's client, as an attacker would.
 */
@TenantryPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunningPos {

  static final String PASSWORD = "secret-123";

  final TestDatabase db;
  final AppRole app;
  final AppRole system;
  ConfigurableApplicationContext context;
  String base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .version(HttpClient.Version.HTTP_1_1).build();

  RunningPos(TestDatabase db) {
    this.db = db;
    this.app = db.createAppRole("pos_app");
    this.system = db.createAppRole("pos_system");
  }

  /** Extra {@code --name=value} arguments of the application. */
  List<String> arguments() {
    return List.of();
  }

  @BeforeAll
  void start() {
    context = SpringApplication.run(PosApplication.class, startArguments());
    base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Every argument the application starts with: this class's database and roles, then {@link #arguments()}. */
  String[] startArguments() {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--pos.demo.enabled=false",
        "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.adminUser(),
        "--spring.datasource.password=" + db.adminPassword(),
        "--pos.database.app-role=" + app.name(), "--pos.database.app-password=" + app.password(),
        "--pos.database.system-role=" + system.name(), "--pos.database.system-password=" + system.password()));
    args.addAll(arguments());
    return args.toArray(String[]::new);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  // ---- HTTP ----

  /** A request; {@code auth} is a bearer token, a register key ({@code trk_...}) or null. */
  HttpResponse<String> send(String method, String path, String auth, UUID store, String json) {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    if (json != null) {
      r.header("Content-Type", "application/json");
    }
    if (auth != null) {
      if (auth.startsWith("trk_")) {
        r.header("X-Register-Key", auth);
      } else {
        r.header("Authorization", "Bearer " + auth);
      }
    }
    if (store != null) {
      r.header("X-Store-Id", store.toString());
    }
    try {
      return http.send(r.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String auth, String json) {
    return send("POST", path, auth, null, json);
  }

  HttpResponse<String> get(String path, String auth) {
    return send("GET", path, auth, null, null);
  }

  HttpResponse<String> put(String path, String auth, String json) {
    return send("PUT", path, auth, null, json);
  }

  /**
   * Runs {@code during} while {@code database} refuses every insert into {@code table} whose new row meets
   * {@code condition} (a PL/pgSQL condition over {@code new}), as a fault halfway through a request.
   */
  static void refusingInserts(TestDatabase database, String table, String condition, Runnable during) {
    database.execute("create function pos_test_refuse() returns trigger language plpgsql as $$ begin if " + condition
        + " then raise exception 'insert into % refused by the test', tg_table_name; end if; return new; end $$");
    database.execute("create trigger pos_test_refuse before insert on " + table
        + " for each row execute function pos_test_refuse()");
    try {
      during.run();
    } finally {
      database.execute("drop trigger pos_test_refuse on " + table);
      database.execute("drop function pos_test_refuse()");
    }
  }

  static <T> T read(HttpResponse<String> r, String path) {
    return JsonPath.read(r.body(), path);
  }

  static HttpResponse<String> expect(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.request().method() + " " + r.request().uri() + ": " + r.body()).isEqualTo(status);
    return r;
  }

  // ---- a company made through the API ----

  /**
   * Signs up a company with an owner {@code email} and confirms it from the link mailed to that address (the
   * app's {@code Outbox}, read as the mailbox) with the password {@link #PASSWORD}; returns the company id.
   */
  UUID signup(String company, String email) {
    expect(requestSignup(company, email), 202);
    return UUID.fromString(read(expect(confirmSignup(signupToken(email, 0), PASSWORD), 201), "$.companyId"));
  }

  HttpResponse<String> requestSignup(String company, String email) {
    return post("/api/signup", null, "{\"companyName\":\"" + company + "\",\"email\":\"" + email + "\"}");
  }

  HttpResponse<String> confirmSignup(String token, String password) {
    return post("/api/signup/confirm", null, "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
  }

  /** The token of the {@code n}-th newest signup link mailed to {@code email}. */
  String signupToken(String email, int n) {
    return mailedToken(email, "signup", "sgn_", n);
  }

  /**
   * The token of the {@code n}-th newest link {@code /#kind=prefix...} mailed to {@code email} (the app's
   * {@code Outbox}, read as the mailbox).
   */
  String mailedToken(String email, String kind, String prefix, int n) {
    String marker = "#" + kind + "=";
    List<Outbox.Message> mail = context.getBean(Outbox.class).to(email).stream()
        .filter(m -> m.link().contains(marker)).toList();
    assertThat(mail).as(kind + " mail to " + email).hasSizeGreaterThan(n);
    String link = mail.get(n).link();
    assertThat(link).startsWith(base + "/" + marker + prefix);
    return link.substring(link.indexOf(marker) + marker.length());
  }

  String login(String email) {
    return login(email, PASSWORD);
  }

  String login(String email, String password) {
    return read(expect(post("/api/auth/login", null, "{\"email\":\"" + email + "\",\"password\":\"" + password
        + "\"}"), 200), "$.token");
  }

  UUID store(String token, String name) {
    return UUID.fromString(read(expect(post("/api/stores", token, "{\"name\":\"" + name
        + "\",\"timezone\":\"America/Chicago\"}"), 201), "$.id"));
  }

  UUID product(String token, String sku, String price) {
    return UUID.fromString(read(expect(post("/api/products", token, "{\"sku\":\"" + sku + "\",\"name\":\"" + sku
        + "\",\"basePrice\":\"" + price + "\"}"), 201), "$.id"));
  }

  /** A register of the store; returns its key. */
  String registerKey(String token, UUID store, String name) {
    return read(expect(post("/api/stores/" + store + "/registers", token, "{\"name\":\"" + name + "\"}"), 201),
        "$.apiKey");
  }

  static String sale(String clientSaleId, UUID product, int quantity) {
    return "{\"clientSaleId\":\"" + clientSaleId + "\",\"lines\":[{\"productId\":\"" + product + "\",\"quantity\":"
        + quantity + "}]}";
  }

  /** One number from the database, read as the admin (no policy applies to it). */
  long admin(String sql) {
    try (Connection c = db.adminDataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
