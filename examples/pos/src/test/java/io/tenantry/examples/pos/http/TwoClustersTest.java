package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantry.core.Tenancy;
import io.tenantry.examples.pos.PosApplication;
import io.tenantry.hibernate.TenantProvisioning;
import io.tenantry.spring.task.TenantJobReport;
import io.tenantry.spring.task.TenantJobs;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * The reference POS on two clusters (issue 24): companies signed up over HTTP are placed on both, and everything a
 * company does — its owner's login, an invited person's, register keys, sales, per-company jobs — reaches its own
 * cluster and nothing of the other company's, which lives on the other server.
 */
class TwoClustersTest extends TwoClustersPos {

  UUID alpha;
  UUID beta;
  String ownerAlpha;
  String ownerBeta;
  UUID storeAlpha;
  UUID storeBeta;
  UUID milkAlpha;
  UUID milkBeta;
  String keyAlpha;
  String keyBeta;

  TwoClustersTest(TestDatabase db, SecondDatabase second) {
    super(db, second);
  }

  @BeforeAll
  void twoCompanies() {
    // the placement rule: the cluster with the fewest companies, home first on a tie
    alpha = signup("Alpha", "owner@alpha.example");
    beta = signup("Beta", "owner@beta.example");
    ownerAlpha = login("owner@alpha.example");
    ownerBeta = login("owner@beta.example");
    storeAlpha = store(ownerAlpha, "Alpha Main");
    storeBeta = store(ownerBeta, "Beta Main");
    milkAlpha = product(ownerAlpha, "MILK", "1.00");
    milkBeta = product(ownerBeta, "MILK", "2.00");
    keyAlpha = registerKey(ownerAlpha, storeAlpha, "R1");
    keyBeta = registerKey(ownerBeta, storeBeta, "R1");
  }

  /**
   * SignupTest's signup whose owner could not join the company, with the login at home and the company on the
   * second cluster: the link comes back home with the company's id, and the retry finishes that company there.
   */
  @Test
  void aSignupWhoseOwnerCouldNotJoinItsCompanyOnTheSecondCluster_isFinishedThere() {
    // the placement rule gives a new company to the cluster with the fewest companies: make that the second one
    for (int n = 0; admin("select count(*) from tenantry_company_placement where cluster = '" + HOME + "'")
        <= admin("select count(*) from tenantry_company_placement where cluster = '" + TWO + "'"); n++) {
      signup("Filler " + n, "filler" + n + "@orphan.example");
    }
    expect(requestSignup("Orphan Two", "owner@orphan.example"), 202);
    String token = signupToken("owner@orphan.example", 0);
    refusingInserts(two, "tenantry_membership",
        "exists (select 1 from tenantry_company c where c.id = new.company_id and c.name = 'Orphan Two')",
        () -> expect(confirmSignup(token, PASSWORD), 500));
    String orphan = "select count(*) from tenantry_company where name = 'Orphan Two'";
    assertThat(adminTwo(orphan)).as("the company the failed attempt wrote, on two").isOne();
    assertThat(admin("select count(*) from pos_signup_request where email = 'owner@orphan.example'"
        + " and used_at is null and created_company is not null")).as("the link given back home, with it").isOne();

    UUID company = UUID.fromString(read(expect(confirmSignup(token, PASSWORD), 201), "$.companyId"));
    assertThat(router().clusterOf(company)).isEqualTo(TWO);
    assertThat(adminTwo(orphan) + admin(orphan)).as("one company in all").isOne();
    assertThat(adminTwo("select count(*) from tenantry_membership where company_id = '" + company
        + "' and role = 'OWNER'")).isOne();
    assertThat(read(expect(get("/api/me", login("owner@orphan.example")), 200), "$.companyId").toString())
        .isEqualTo(company.toString());
  }

  @Test
  void companiesAreCreatedOnTheClusterTheyArePlacedOn() {
    assertThat(router().clusterOf(alpha)).isEqualTo(HOME);
    assertThat(router().clusterOf(beta)).isEqualTo(TWO);
    // each cluster, read directly as its admin, holds its company's rows and none of the other's
    for (String table : List.of("tenantry_company where id", "tenantry_store where company_id",
        "tenantry_membership where company_id", "pos_product where company_id", "tenantry_register where company_id",
        "tenantry_register_key where company_id")) {
      assertThat(admin("select count(*) from " + table + " = '" + alpha + "'")).as(table + ", alpha at home")
          .isPositive();
      assertThat(adminTwo("select count(*) from " + table + " = '" + alpha + "'")).as(table + ", alpha on two")
          .isZero();
      assertThat(adminTwo("select count(*) from " + table + " = '" + beta + "'")).as(table + ", beta on two")
          .isPositive();
      assertThat(admin("select count(*) from " + table + " = '" + beta + "'")).as(table + ", beta at home").isZero();
    }
    // global tables stay at home: the logins (with their hash), the company and register-key directories
    assertThat(admin("select count(*) from tenantry_user_account where email = 'owner@beta.example'"
        + " and password_hash is not null")).isOne();
    assertThat(adminTwo("select count(*) from tenantry_user_account where password_hash is not null")).isZero();
    assertThat(adminTwo("select count(*) from tenantry_user_account where email = 'owner@beta.example'"))
        .as("the copy of the login its membership references").isOne();
    assertThat(admin("select count(*) from tenantry_company_placement")).isEqualTo(2);
    assertThat(adminTwo("select count(*) from tenantry_company_placement")).isZero();
    assertThat(admin("select count(*) from tenantry_register_key_lookup where company in ('" + alpha + "', '"
        + beta + "')")).isEqualTo(2);
    assertThat(adminTwo("select count(*) from tenantry_register_key_lookup")).isZero();
  }

  @Test
  void ownersSignInToTheirCompanyOnEitherCluster() {
    assertThat(read(expect(get("/api/me", login("owner@alpha.example")), 200), "$.companyId").toString())
        .isEqualTo(alpha.toString());
    assertThat(read(expect(get("/api/me", login("owner@beta.example")), 200), "$.companyId").toString())
        .isEqualTo(beta.toString());
    assertThat(post("/api/auth/login", null, "{\"email\":\"owner@beta.example\",\"password\":\"wrong-one\"}")
        .statusCode()).isEqualTo(401);
  }

  @Test
  void registerKeysOfEitherClusterAuthenticateAndSellOnTheirCluster() {
    long homeSales = admin("select count(*) from pos_sale");
    long twoSales = adminTwo("select count(*) from pos_sale");
    UUID saleAlpha = UUID.fromString(read(expect(post("/api/sales", keyAlpha, sale("a-1", milkAlpha, 2)), 201), "$.id"));
    UUID saleBeta = UUID.fromString(read(expect(post("/api/sales", keyBeta, sale("b-1", milkBeta, 3)), 201), "$.id"));
    expect(post("/api/sales", keyBeta, sale("b-1", milkBeta, 3)), 200); // the same sale again: once
    assertThat(admin("select count(*) from pos_sale")).isEqualTo(homeSales + 1);
    assertThat(adminTwo("select count(*) from pos_sale")).isEqualTo(twoSales + 1);
    assertThat(adminTwo("select count(*) from pos_sale where id = '" + saleBeta + "' and company_id = '" + beta + "'"))
        .isOne();
    assertThat(admin("select count(*) from pos_sale where id = '" + saleAlpha + "' and company_id = '" + alpha + "'"))
        .isOne();
    expect(get("/api/sales/" + saleBeta, keyBeta), 200);

    // the other company's ids, on the other cluster, are nothing to either
    expect(get("/api/sales/" + saleBeta, keyAlpha), 404);
    expect(get("/api/sales/" + saleAlpha, keyBeta), 404);
    expect(get("/api/sales/" + saleAlpha, ownerBeta), 404);
    expect(get("/api/products/" + milkBeta, ownerAlpha), 404);
    expect(get("/api/products/" + milkAlpha, ownerBeta), 404);
    assertThat(send("GET", "/api/products", ownerAlpha, storeBeta, null).statusCode()).isIn(403, 404);
    int crossSale = post("/api/sales", keyAlpha, sale("a-cross", milkBeta, 1)).statusCode();
    assertThat(crossSale).isBetween(400, 499);
    assertThat(admin("select count(*) from pos_sale where client_sale_id = 'a-cross'")
        + adminTwo("select count(*) from pos_sale where client_sale_id = 'a-cross'")).isZero();
    String products = expect(get("/api/products", ownerAlpha), 200).body();
    assertThat(products).contains(milkAlpha.toString()).doesNotContain(milkBeta.toString());
  }

  @Test
  void aPersonInvitedIntoCompaniesOnBothClustersSignsInToEach() {
    String person = "person@both.example";
    expect(post("/api/invitations", ownerBeta, invitation(person, storeBeta)), 201);
    expect(post("/api/invitations", ownerAlpha, invitation(person, storeAlpha)), 201);
    // accepts Beta's first (a new login, at home; its copy on two), then Alpha's with the same password
    String betasLink = mailedToken(person, "invitation", "inv_", 1); // the mailbox lists the newest first
    String alphasLink = mailedToken(person, "invitation", "inv_", 0);
    String first = acceptedCompany(betasLink, "persons-password");
    String second = acceptedCompany(alphasLink, "persons-password");
    assertThat(List.of(first, second)).containsExactly(beta.toString(), alpha.toString());
    assertThat(admin("select count(*) from tenantry_user_account where email = '" + person + "'")).isOne();
    assertThat(adminTwo("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where u.email = '" + person + "' and m.company_id = '" + beta + "'")).isOne();
    assertThat(admin("select count(*) from tenantry_membership m join tenantry_user_account u on u.id = m.user_id"
        + " where u.email = '" + person + "' and m.company_id = '" + alpha + "'")).isOne();

    // the login reads the memberships of both clusters and signs in to the one joined first: Beta, on two
    String token = login(person, "persons-password");
    assertThat(read(expect(get("/api/me", token), 200), "$.companyId").toString()).isEqualTo(beta.toString());
    expect(get("/api/products/" + milkBeta, token), 200);
    expect(get("/api/products/" + milkAlpha, token), 404);
    // with Beta deactivated (written on Beta's cluster by itself: no onCluster), the same login reaches Alpha
    TenantProvisioning provisioning = TenantProvisioning.of(context.getBean(EntityManagerFactory.class));
    provisioning.deactivateCompany(beta, "test: the login's other company");
    assertThat(adminTwo("select count(*) from tenantry_company where id = '" + beta + "' and deactivated_at is not null"))
        .isOne();
    try {
      String toAlpha = login(person, "persons-password");
      assertThat(read(expect(get("/api/me", toAlpha), 200), "$.companyId").toString()).isEqualTo(alpha.toString());
      expect(get("/api/products/" + milkAlpha, toAlpha), 200);
      expect(get("/api/products/" + milkBeta, toAlpha), 404);
    } finally {
      provisioning.reactivateCompany(beta);
    }
    assertThat(post("/api/auth/login", null, "{\"email\":\"" + person + "\",\"password\":\"not-it\"}").statusCode())
        .isEqualTo(401);
  }

  @Test
  void perCompanyJobsRunForTheCompaniesOfBothClusters() {
    Map<UUID, Long> products = new ConcurrentHashMap<>();
    TenantJobs jobs = new TenantJobs(context.getBean(EntityManagerFactory.class));
    TenantJobReport report = jobs.forEachCompany("count products", () -> {
      EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
      var em = emf.createEntityManager();
      try {
        products.put(Tenancy.current().companyId(),
            em.createQuery("select count(p) from Product p", Long.class).getSingleResult());
      } finally {
        em.close();
      }
    });
    assertThat(report.succeeded()).contains(alpha, beta);
    assertThat(report.failed()).isEmpty();
    assertThat(products.get(alpha)).isEqualTo(admin("select count(*) from pos_product where company_id = '" + alpha + "'"));
    assertThat(products.get(beta)).isEqualTo(adminTwo("select count(*) from pos_product where company_id = '" + beta + "'"));
  }

  @Test
  void aCompanyTheDirectoryDoesNotKnowIsRefusedClearlyUntilTheHomeClusterPlacesItsCompanies() {
    // as after a deployment on one database configured a second cluster: the directory knows none of its companies
    db.execute("delete from tenantry_company_placement where company = '" + alpha + "'");
    try {
      HttpResponse<String> refused = get("/api/products", ownerAlpha);
      assertThat(refused.statusCode()).isEqualTo(500);
      assertThat(refused.body()).contains("not reachable").doesNotContain(alpha.toString());
      assertThat(post("/api/sales", keyAlpha, sale("a-unplaced", milkAlpha, 1)).statusCode()).isGreaterThanOrEqualTo(500);
    } finally {
      clusters().placeUnplacedCompanies(); // what every start does after the migrations
    }
    assertThat(router().clusterOf(alpha)).isEqualTo(HOME);
    assertThat(router().clusterOf(beta)).isEqualTo(TWO);
    expect(get("/api/products", ownerAlpha), 200);
  }

  @Test
  void theStartUpAuditCoversTheSecondCluster() {
    // a hole on the second cluster only: its sales table without row-level security
    two.execute("alter table pos_sale no force row level security; alter table pos_sale disable row level security");
    try {
      assertThatThrownBy(() -> SpringApplication.run(PosApplication.class, startArguments()).close())
          .hasStackTraceContaining("cluster(s) [" + TWO).hasStackTraceContaining("pos_sale");
    } finally {
      two.execute("alter table pos_sale enable row level security; alter table pos_sale force row level security");
    }
  }

  private static String invitation(String email, UUID store) {
    return "{\"email\":\"" + email + "\",\"role\":\"CASHIER\",\"storeIds\":[\"" + store + "\"]}";
  }

  private String acceptedCompany(String token, String password) {
    return read(expect(post("/api/invitations/accept", null, "{\"token\":\"" + token + "\",\"password\":\""
        + password + "\"}"), 200), "$.companyId").toString();
  }
}
