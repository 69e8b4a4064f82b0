package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.clusters.CompanyMove;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A company that moves off a cluster other than home takes its members' login copies (id and e-mail) along: the
 * copies that nothing on the old cluster references any more are deleted there; those still referenced by a
 * membership or waited for by an invitation of another company stay; the logins themselves, at home, never go.
 */
class LoginCopiesAfterMoveTest extends TwoClustersPos {

  LoginCopiesAfterMoveTest(TestDatabase db, SecondDatabase second) {
    super(db, second, TWO);
  }

  @Test
  void theCopiesNothingReferencesAreDeletedFromTheClusterACompanyLeft() {
    UUID beta = signup("Beta", "owner@beta.example");
    UUID gamma = signup("Gamma", "owner@gamma.example");
    String ownerBeta = login("owner@beta.example");
    String ownerGamma = login("owner@gamma.example");
    UUID storeBeta = store(ownerBeta, "Beta Main");
    UUID storeGamma = store(ownerGamma, "Gamma Main");
    // only Beta's, a member of both, a member of Beta invited into Gamma and not yet accepted
    accept(invite(ownerBeta, storeBeta, "only@beta.example"), "only-password");
    accept(invite(ownerBeta, storeBeta, "both@example.com"), "both-password");
    accept(invite(ownerGamma, storeGamma, "both@example.com"), "both-password");
    accept(invite(ownerBeta, storeBeta, "waiting@example.com"), "waiting-password");
    String waitingForGamma = invite(ownerGamma, storeGamma, "waiting@example.com");
    assertThat(copiesOnTwo()).containsExactlyInAnyOrder("both@example.com", "only@beta.example", "owner@beta.example",
        "owner@gamma.example", "waiting@example.com");
    long loginsAtHome = admin("select count(*) from tenantry_user_account where password_hash is not null");

    CompanyMove.Result moved = clusters().move(beta, HOME);
    assertThat(moved.sourceKept()).isNull();

    assertThat(copiesOnTwo()).as("Beta's owner and its only-Beta member are gone; the others stay")
        .containsExactlyInAnyOrder("both@example.com", "owner@gamma.example", "waiting@example.com");
    assertThat(admin("select count(*) from tenantry_user_account where password_hash is not null"))
        .isEqualTo(loginsAtHome);
    // everybody still signs in, to the same company as before; the waiting invitation still works
    assertThat(companyOf(login("owner@beta.example"))).isEqualTo(beta.toString());
    assertThat(companyOf(login("only@beta.example", "only-password"))).isEqualTo(beta.toString());
    assertThat(companyOf(login("both@example.com", "both-password"))).isEqualTo(beta.toString());
    assertThat(accept(waitingForGamma, "waiting-password")).isEqualTo(gamma.toString());
    expect(get("/api/stores", ownerGamma), 200);

    // moving back from home deletes nothing at home: the logins live there
    clusters().move(beta, TWO);
    assertThat(admin("select count(*) from tenantry_user_account where password_hash is not null"))
        .isEqualTo(loginsAtHome);
    assertThat(companyOf(login("only@beta.example", "only-password"))).isEqualTo(beta.toString());
  }

  private List<String> copiesOnTwo() {
    List<String> emails = new ArrayList<>();
    try (var c = two.adminDataSource().getConnection(); var rs = c.createStatement()
        .executeQuery("select email from tenantry_user_account")) {
      while (rs.next()) {
        emails.add(rs.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return emails;
  }

  /** Invites {@code email} into the owner's company; returns the token mailed to it. */
  private String invite(String owner, UUID store, String email) {
    expect(post("/api/invitations", owner, "{\"email\":\"" + email + "\",\"role\":\"CASHIER\",\"storeIds\":[\""
        + store + "\"]}"), 201);
    return mailedToken(email, "invitation", "inv_", 0); // the newest
  }

  private String accept(String token, String password) {
    return read(expect(post("/api/invitations/accept", null, "{\"token\":\"" + token + "\",\"password\":\""
        + password + "\"}"), 200), "$.companyId").toString();
  }

  private String companyOf(String token) {
    return read(expect(get("/api/me", token), 200), "$.companyId").toString();
  }
}
