package io.tenantry.examples.pos.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import io.tenantry.examples.pos.account.Outbox;
import io.tenantry.test.AppRole;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The application on a fresh real PostgreSQL database of this test class ({@code @TenantryPostgres}):
 * Flyway migrates as the database's admin (the owner), requests run as an app role that is neither
 * superuser, BYPASSRLS nor owner, cross-tenant work as a separate system role. One Spring context per
 * class, closed with the class (its database is dropped after it).
 */
@TenantryPostgres
@SpringBootTest(properties = "pos.demo.enabled=false")
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiTestBase {

  static TestDatabase db;
  static AppRole app;
  static AppRole system;

  @Autowired
  MockMvc mvc;

  /** The invitees' mailbox: where the application sends invitation links. */
  @Autowired
  Outbox outbox;

  ApiTestBase(TestDatabase database) {
    db = database;
    app = database.createAppRole("pos_app");
    system = database.createAppRole("pos_system");
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> db.jdbcUrl());
    registry.add("spring.datasource.username", () -> db.adminUser());
    registry.add("spring.datasource.password", () -> db.adminPassword());
    registry.add("pos.database.app-role", () -> app.name());
    registry.add("pos.database.app-password", () -> app.password());
    registry.add("pos.database.system-role", () -> system.name());
    registry.add("pos.database.system-password", () -> system.password());
  }

  /** A request; {@code auth} is a bearer token, a register key ({@code trk_...}) or null. */
  MockHttpServletResponse call(HttpMethod method, String path, String auth, UUID store, String json) throws Exception {
    MockHttpServletRequestBuilder r = request(method, path);
    if (auth != null) {
      r = auth.startsWith("trk_") ? r.header("X-Register-Key", auth) : r.header("Authorization", "Bearer " + auth);
    }
    if (store != null) {
      r = r.header("X-Store-Id", store.toString());
    }
    if (json != null) {
      r = r.contentType(MediaType.APPLICATION_JSON).content(json);
    }
    return mvc.perform(r).andReturn().getResponse();
  }

  MockHttpServletResponse post(String path, String auth, String json) throws Exception {
    return call(HttpMethod.POST, path, auth, null, json);
  }

  MockHttpServletResponse get(String path, String auth) throws Exception {
    return call(HttpMethod.GET, path, auth, null, null);
  }

  static String body(MockHttpServletResponse r) throws Exception {
    return r.getContentAsString();
  }

  static <T> T read(MockHttpServletResponse r, String path) throws Exception {
    return JsonPath.read(r.getContentAsString(), path);
  }

  static UUID id(MockHttpServletResponse r, String path) throws Exception {
    return UUID.fromString(read(r, path));
  }

  /** Counts rows as the owner (no policy applies to it): what is really in the database. */
  static long rows(String table) {
    try (var c = db.adminDataSource().getConnection(); var s = c.createStatement();
        var rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
