package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.examples.pos.account.Outbox;
import io.tenantry.test.TestDatabase;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 2, signup over HTTP: {@code POST /api/signup} creates nothing but a request and mails a
 * one-time link to the address (the app's {@link Outbox}, read here as that address's mailbox); it answers the
 * same whether the address has a login or not. Opening the link ({@code POST /api/signup/confirm}) creates the
 * company and its owner: a new login with the password chosen then, or the existing login once its password
 * proves it. A squatter who signs up with someone else's address gets no login, no company and no token.
 */
class SignupTest extends RunningPos {

  SignupTest(TestDatabase db) {
    super(db);
  }

  @Test
  void squattingAnAddress_givesTheSquatterNothing_andTheRealPersonStillSignsUpAndAcceptsInvitations() {
    long logins = admin("select count(*) from tenantry_user_account");
    long companies = admin("select count(*) from tenantry_company");
    HttpResponse<String> squat = expect(requestSignup("Squatters Inc", "victim@squat.example"), 202);
    assertThat(squat.body()).doesNotContain("sgn_").doesNotContain("token").doesNotContain("companyId")
        .doesNotContain("userId");
    assertThat(admin("select count(*) from tenantry_user_account")).as("no login").isEqualTo(logins);
    assertThat(admin("select count(*) from tenantry_company")).as("no company").isEqualTo(companies);
    // no password the squatter could know opens anything: none was ever set
    assertThat(post("/api/auth/login", null, "{\"email\":\"victim@squat.example\",\"password\":\"" + PASSWORD + "\"}")
        .statusCode()).isEqualTo(401);
    // and a token the squatter makes up opens nothing
    expect(confirmSignup("sgn_" + "A".repeat(43), "squatters-own-pass"), 404);
    assertThat(admin("select count(*) from tenantry_user_account")).isEqualTo(logins);

    // the real person signs up with their address, confirms with their own password and signs in
    expect(requestSignup("Victim's Bakery", "victim@squat.example"), 202);
    UUID bakery = UUID.fromString(read(expect(confirmSignup(signupToken("victim@squat.example", 0), "victims-own-pass"),
        201), "$.companyId"));
    String victim = login("victim@squat.example", "victims-own-pass");
    assertThat(read(expect(get("/api/me", victim), 200), "$.companyId").toString()).isEqualTo(bakery.toString());
    // the link the squatter's request mailed to them still needs their password: it cannot reset it
    expect(confirmSignup(signupToken("victim@squat.example", 1), "squatters-own-pass"), 401);
    assertThat(login("victim@squat.example", "victims-own-pass")).isNotBlank();

    // and their real employer invites them: they accept with the same login
    signup("Real Employer", "owner@employer.example");
    String employer = login("owner@employer.example");
    UUID store = store(employer, "Main St");
    expect(post("/api/invitations", employer, "{\"email\":\"victim@squat.example\",\"role\":\"CASHIER\","
        + "\"storeIds\":[\"" + store + "\"]}"), 201);
    String link = context.getBean(Outbox.class).to("victim@squat.example").get(0).link();
    expect(post("/api/invitations/accept", null, "{\"token\":\"" + link.substring(link.indexOf("#invitation=") + 12)
        + "\",\"password\":\"victims-own-pass\"}"), 200);
    assertThat(admin("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where u.email = 'victim@squat.example'")).isEqualTo(2);
  }

  @Test
  void aSignup_answersAlike_whetherTheAddressHasALogin_orNot() {
    signup("Elsewhere Ltd", "exists@alike.example");
    long logins = admin("select count(*) from tenantry_user_account");
    long companies = admin("select count(*) from tenantry_company");
    HttpResponse<String> existing = expect(requestSignup("Probe Co", "EXISTS@alike.example"), 202);
    HttpResponse<String> fresh = expect(requestSignup("Probe Co", "nobody@alike.example"), 202);
    assertThat(existing.body()).isEqualTo(fresh.body());
    assertThat(headers(existing)).isEqualTo(headers(fresh));
    assertThat(admin("select count(*) from tenantry_user_account")).isEqualTo(logins);
    assertThat(admin("select count(*) from tenantry_company")).isEqualTo(companies);
    // only the mail, which reaches the address's owner alone, says which
    assertThat(context.getBean(Outbox.class).to("exists@alike.example").get(0).subject())
        .contains("already have a Tenantry POS account");
    assertThat(context.getBean(Outbox.class).to("nobody@alike.example").get(0).subject())
        .contains("choose your password");
    // the old immediate signup is refused clearly, for a new address and an existing one alike
    HttpResponse<String> old = expect(post("/api/signup", null, "{\"companyName\":\"Old\",\"email\":"
        + "\"exists@alike.example\",\"password\":\"" + PASSWORD + "\"}"), 400);
    assertThat(old.body()).contains("/api/signup/confirm");
    assertThat(post("/api/signup", null, "{\"companyName\":\"Old\",\"email\":\"nobody@alike.example\",\"password\":\""
        + PASSWORD + "\"}").body()).isEqualTo(old.body().replace("exists@", "nobody@"));
  }

  @Test
  void aForgedHostHeader_doesNotChooseWhereTheMailedLinkPoints() throws Exception {
    // java.net.http will not send a Host of our choosing: a raw request, as an attacker would write it
    URI uri = URI.create(base);
    String body = "{\"companyName\":\"Phish Co\",\"email\":\"target@host.example\"}";
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.getOutputStream().write(("POST /api/signup HTTP/1.1\r\nHost: evil.example\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
          + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 202");
    }
    String link = context.getBean(Outbox.class).to("target@host.example").get(0).link();
    assertThat(link).doesNotContain("evil.example").startsWith(base + "/#signup=");
  }

  @Test
  void aLink_worksOnce_andExpires() {
    expect(requestSignup("Once Co", "once@link.example"), 202);
    String token = signupToken("once@link.example", 0);
    String companyId = read(expect(confirmSignup(token, "first-password"), 201), "$.companyId");
    long companies = admin("select count(*) from tenantry_company");
    expect(confirmSignup(token, "first-password"), 404);
    expect(confirmSignup(token, "second-password"), 404);
    assertThat(admin("select count(*) from tenantry_company")).isEqualTo(companies);
    assertThat(login("once@link.example", "first-password")).isNotBlank();
    assertThat(admin("select count(*) from tenantry_company where id = '" + companyId + "'")).isEqualTo(1);

    expect(requestSignup("Late Co", "late@link.example"), 202);
    String late = signupToken("late@link.example", 0);
    assertThat(admin("with e as (update pos_signup_request set expires_at = now() - interval '1 second'"
        + " where email = 'late@link.example' returning 1) select count(*) from e")).isEqualTo(1);
    HttpResponse<String> expired = expect(confirmSignup(late, "late-password"), 404);
    assertThat(expired.body()).contains("expired");
    assertThat(admin("select count(*) from tenantry_user_account where email = 'late@link.example'")).isZero();
    assertThat(admin("select count(*) from tenantry_company")).isEqualTo(companies);
  }

  @Test
  void aSignupWhoseCompanyCouldNotBeCreated_keepsItsLink_andTheRetryCreatesOneCompany() {
    expect(requestSignup("Broken Co", "retry@link.example"), 202);
    String token = signupToken("retry@link.example", 0);
    long companies = admin("select count(*) from tenantry_company");
    // the company's insert fails after the link was used and the login created (their own transaction)
    refusingInserts(db, "tenantry_company", "new.name = 'Broken Co'",
        () -> expect(confirmSignup(token, "retry-password"), 500));
    assertThat(admin("select count(*) from tenantry_company")).isEqualTo(companies);
    assertThat(admin("select count(*) from pos_signup_request where email = 'retry@link.example'"
        + " and used_at is null")).as("the link was given back").isEqualTo(1);
    // the same link works: the login made by the failed attempt proves its password, as an existing login does
    expect(confirmSignup(token, "another-password"), 401);
    UUID company = UUID.fromString(read(expect(confirmSignup(token, "retry-password"), 201), "$.companyId"));
    assertThat(admin("select count(*) from tenantry_company")).isEqualTo(companies + 1);
    assertThat(admin("select count(*) from tenantry_membership where company_id = '" + company
        + "' and role = 'OWNER'")).isEqualTo(1);
    assertThat(login("retry@link.example", "retry-password")).isNotBlank();
    expect(confirmSignup(token, "retry-password"), 404);
  }

  /**
   * The company is written, then its owner fails to join it (login at home, company on its cluster, transactions of
   * their own): the link is given back with the company, and the retry finishes that company rather than leaving it
   * empty beside a second one.
   */
  @Test
  void aSignupWhoseOwnerCouldNotJoinItsCompany_isFinishedByTheRetry_withoutASecondCompany() {
    expect(requestSignup("Orphan Co", "orphan@link.example"), 202);
    String token = signupToken("orphan@link.example", 0);
    long companies = admin("select count(*) from tenantry_company");
    // the owner's membership fails after the company was written (its own transaction)
    refusingInserts(db, "tenantry_membership",
        "exists (select 1 from tenantry_company c where c.id = new.company_id and c.name = 'Orphan Co')",
        () -> expect(confirmSignup(token, "orphan-password"), 500));
    String empty = "select count(*) from tenantry_company c where c.name = 'Orphan Co' and not exists"
        + " (select 1 from tenantry_membership m where m.company_id = c.id)";
    assertThat(admin(empty)).as("the company the failed attempt wrote").isEqualTo(1);
    assertThat(admin("select count(*) from pos_signup_request r join tenantry_company c on c.id = r.created_company"
        + " where r.email = 'orphan@link.example' and r.used_at is null and c.name = 'Orphan Co'"))
        .as("the link given back, with its company").isEqualTo(1);

    UUID company = UUID.fromString(read(expect(confirmSignup(token, "orphan-password"), 201), "$.companyId"));
    assertThat(admin("select count(*) from tenantry_company")).as("one company in all").isEqualTo(companies + 1);
    assertThat(admin(empty)).as("none left empty").isZero();
    assertThat(admin("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where m.company_id = '" + company + "' and m.role = 'OWNER' and u.email = 'orphan@link.example'"))
        .isEqualTo(1);
    String owner = login("orphan@link.example", "orphan-password");
    assertThat(read(expect(get("/api/me", owner), 200), "$.companyId").toString()).isEqualTo(company.toString());
    store(owner, "Main St"); // the finished company works: its owner opens a store
    expect(confirmSignup(token, "orphan-password"), 404);
  }

  @Test
  void anExistingLogin_addsASecondCompany_onlyWithItsPassword() {
    UUID first = signup("First Co", "two@companies.example");
    String userId = read(expect(get("/api/me", login("two@companies.example")), 200), "$.userId");
    expect(requestSignup("Second Co", "two@companies.example"), 202);
    String token = signupToken("two@companies.example", 0);
    long companies = admin("select count(*) from tenantry_company");
    HttpResponse<String> wrong = expect(confirmSignup(token, "not-the-password"), 401);
    assertThat(wrong.body()).contains("already have an account");
    assertThat(admin("select count(*) from tenantry_company")).as("nothing created").isEqualTo(companies);
    // the token survives a wrong password; the right one adds the company to the same login, as its owner
    HttpResponse<String> created = expect(confirmSignup(token, PASSWORD), 201);
    assertThat(read(created, "$.userId").toString()).isEqualTo(userId);
    UUID second = UUID.fromString(read(created, "$.companyId"));
    assertThat(second).isNotEqualTo(first);
    assertThat(admin("select count(*) from tenantry_membership where user_id = '" + userId + "' and company_id = '"
        + second + "' and role = 'OWNER'")).isEqualTo(1);
    assertThat(admin("select count(*) from tenantry_user_account where email = 'two@companies.example'")).isEqualTo(1);
    // the password is unchanged
    assertThat(login("two@companies.example", PASSWORD)).isNotBlank();
  }

  @Test
  void theRequests_areKeptOnlyAsHashes_outOfTheApplicationRolesReach() throws Exception {
    expect(requestSignup("Hashed Co", "hashed@link.example"), 202);
    String token = signupToken("hashed@link.example", 0);
    assertThat(admin("select count(*) from pos_signup_request where email = 'hashed@link.example'"
        + " and token_hash = sha256(convert_to('" + token + "', 'UTF8'))")).isEqualTo(1);
    assertThat(admin("select count(*) from pos_signup_request where position(convert_to('" + token
        + "', 'UTF8') in token_hash) > 0")).isZero();
    try (Connection c = app.dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select count(*) from pos_signup_request"))
          .hasMessageContaining("permission denied");
    }
  }

  @Test
  void aFloodOfSignups_forOneAddress_mailsItFiveTimes_andAnswersAlikeThroughout() {
    HttpResponse<String> first = expect(requestSignup("Flood Co", "bombed@flood.example"), 202);
    for (int i = 0; i < 11; i++) {
      HttpResponse<String> again = expect(requestSignup("Flood Co " + i, "bombed@flood.example"), 202);
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(headers(again)).isEqualTo(headers(first));
    }
    assertThat(context.getBean(Outbox.class).to("bombed@flood.example")).hasSize(5);
    assertThat(admin("select count(*) from pos_signup_request where email = 'bombed@flood.example'")).isEqualTo(5);
    // another address is not affected, and the first five links still work
    expect(requestSignup("Calm Co", "calm@flood.example"), 202);
    assertThat(context.getBean(Outbox.class).to("calm@flood.example")).hasSize(1);
    expect(confirmSignup(signupToken("bombed@flood.example", 4), "bombed-password"), 201);
  }

  @Test
  void signupRequests_aDayPastTheirExpiry_areDeleted() {
    expect(requestSignup("Old Co", "old@purge.example"), 202);
    expect(requestSignup("Recent Co", "recent@purge.example"), 202);
    admin("with e as (update pos_signup_request set expires_at = now() - interval '25 hours'"
        + " where email = 'old@purge.example' returning 1) select count(*) from e");
    admin("with e as (update pos_signup_request set expires_at = now() - interval '23 hours'"
        + " where email = 'recent@purge.example' returning 1) select count(*) from e");
    expect(requestSignup("Next Co", "next@purge.example"), 202);
    assertThat(admin("select count(*) from pos_signup_request where email = 'old@purge.example'")).isZero();
    assertThat(admin("select count(*) from pos_signup_request where email = 'recent@purge.example'")).isEqualTo(1);
  }

  /** The headers that can tell answers apart (not the date). */
  static Map<String, List<String>> headers(HttpResponse<String> r) {
    return r.headers().map().entrySet().stream().filter(e -> !e.getKey().equalsIgnoreCase("date"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
