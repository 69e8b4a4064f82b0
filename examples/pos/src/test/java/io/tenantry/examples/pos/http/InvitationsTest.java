package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.test.TestDatabase;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 2, over HTTP: an owner no longer adds a user with a password it chooses; it invites an
 * e-mail address, the one-time link goes to that address (the application's {@code Outbox}, read here as
 * the invitee's mailbox), and the person sets their own password — or, with an account already, accepts
 * with theirs. E-mail squatting fails: the squatter never holds a password, the real person can still sign
 * up and be invited by their real employer, and the invitation answers alike whether the address has a
 * login elsewhere or not.
 */
class InvitationsTest extends RunningPos {

  String squatter;
  UUID squatterStore;
  String employer;
  UUID employerCompany;
  UUID employerStore;

  InvitationsTest(TestDatabase db) {
    super(db);
  }

  @BeforeAll
  void companies() {
    signup("Squatters Inc", "owner@squat.example");
    squatter = login("owner@squat.example");
    squatterStore = store(squatter, "Lair");
    employerCompany = signup("Real Employer", "owner@employer.example");
    employer = login("owner@employer.example");
    employerStore = store(employer, "Main St");
  }

  @Test
  void squatting_anEmail_givesTheSquatterNothing_andTheRealPersonSignsUpAndJoinsTheirEmployer() {
    long logins = admin("select count(*) from tenantry_user_account");
    HttpResponse<String> invited = expect(invite(squatter, "victim@mail.example", "CASHIER", squatterStore), 201);
    assertThat(invited.body()).doesNotContain("inv_").doesNotContain("password").doesNotContain("token");
    assertThat(admin("select count(*) from tenantry_user_account")).as("no login before the person accepts")
        .isEqualTo(logins);
    // no password the squatter could know works: none was set
    assertThat(post("/api/auth/login", null, "{\"email\":\"victim@mail.example\",\"password\":\"secret-123\"}")
        .statusCode()).isEqualTo(401);

    // the real person signs up with their address
    UUID victimsOwn = signup("Victim's Bakery", "victim@mail.example");
    // and their real employer invites them; they accept with the password they chose when confirming their signup
    expect(invite(employer, "victim@mail.example", "MANAGER", employerStore), 201);
    HttpResponse<String> accepted = expect(accept(link("victim@mail.example"), PASSWORD), 200);
    assertThat(read(accepted, "$.companyId").toString()).isEqualTo(employerCompany.toString());

    // the login is a member of both companies, each with its own role and stores (it signs in to the first)
    assertThat(admin("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where u.email = 'victim@mail.example' and m.company_id = '" + employerCompany + "' and m.role = 'MANAGER'"))
        .isEqualTo(1);
    String asOwner = login("victim@mail.example");
    assertThat(read(expect(get("/api/me", asOwner), 200), "$.companyId").toString()).isEqualTo(victimsOwn.toString());

    // the squatter's link, had it reached them, is not theirs to use: accepting it needs the victim's password
    assertThat(accept(link("victim@mail.example", 1), "squatters-guess").statusCode()).isEqualTo(401);
    assertThat(admin("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where u.email = 'victim@mail.example'")).isEqualTo(2);
  }

  @Test
  void anInvitation_answersAlike_whetherTheEmailHasALoginElsewhere_orNot() {
    signup("Elsewhere Ltd", "exists@mail.example");
    HttpResponse<String> existing = expect(invite(employer, "exists@mail.example", "CASHIER", employerStore), 201);
    HttpResponse<String> fresh = expect(invite(employer, "fresh@mail.example", "CASHIER", employerStore), 201);
    assertThat(shape(existing, "exists@")).isEqualTo(shape(fresh, "fresh@"));
    assertThat(existing.headers().map().keySet()).isEqualTo(fresh.headers().map().keySet());
    // the new person sets their own password and signs in with it
    expect(accept(link("fresh@mail.example"), "my-own-password"), 200);
    assertThat(login("fresh@mail.example", "my-own-password")).isNotBlank();
  }

  @Test
  void aLink_worksOnce_andOnlyWithTheRightPasswordForAnExistingAccount() {
    signup("Other Co", "twice@mail.example");
    expect(invite(employer, "twice@mail.example", "CASHIER", employerStore), 201);
    String token = link("twice@mail.example");
    long memberships = admin("select count(*) from tenantry_membership");
    assertThat(accept(token, "not-the-password").statusCode()).isEqualTo(401);
    assertThat(admin("select count(*) from tenantry_membership")).isEqualTo(memberships);
    expect(accept(token, PASSWORD), 200);
    expect(accept(token, PASSWORD), 404);
    expect(accept("inv_" + "A".repeat(43), PASSWORD), 404);
    assertThat(admin("select count(*) from tenantry_membership")).isEqualTo(memberships + 1);
    // a member already: inviting again is refused within the company (the owner sees its members anyway)
    expect(invite(employer, "twice@mail.example", "CASHIER", employerStore), 409);
  }

  @Test
  void onlyAnOwner_invites_andTheOldAddUserWithAPassword_isGone() {
    expect(invite(employer, "manager-x@mail.example", "MANAGER", employerStore), 201);
    String manager = read(expect(accept(link("manager-x@mail.example"), "manager-pass"), 200), "$.userId");
    assertThat(manager).isNotBlank();
    String managerToken = login("manager-x@mail.example", "manager-pass");
    expect(invite(managerToken, "y@mail.example", "CASHIER", employerStore), 403);
    assertThat(post("/api/users", employer, "{\"email\":\"z@mail.example\",\"password\":\"secret-123\",\"role\":"
        + "\"CASHIER\",\"storeIds\":[]}").statusCode()).isIn(404, 405);
    // another company's store cannot be granted
    expect(invite(employer, "w@mail.example", "CASHIER", squatterStore), 403);
  }

  HttpResponse<String> invite(String token, String email, String role, UUID store) {
    return post("/api/invitations", token, "{\"email\":\"" + email + "\",\"role\":\"" + role + "\",\"storeIds\":[\""
        + store + "\"]}");
  }

  HttpResponse<String> accept(String token, String password) {
    return post("/api/invitations/accept", null, "{\"token\":\"" + token + "\",\"password\":\"" + password + "\"}");
  }

  /** The token of the newest invitation link mailed to {@code email}. */
  String link(String email) {
    return link(email, 0);
  }

  /** The token of the {@code n}-th newest invitation link mailed to {@code email}. */
  String link(String email, int n) {
    return mailedToken(email, "invitation", "inv_", n);
  }

  static String shape(HttpResponse<String> r, String local) {
    return r.statusCode() + " " + r.body().replace(local, "X@").replaceAll("\"(id|expiresAt)\":\"[^\"]*\"", "");
  }
}
