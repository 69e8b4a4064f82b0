package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.NATIVE_SQL_ONLY_WHERE_DECLARED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NativeSqlOnlyWhereDeclaredTest {

  private static final String FIX = "use JPQL, Criteria or a Spring Data query on a scoped entity instead, "
      + "or annotate the method or class with @UnscopedAccess(\"why\") so that reviewers see it";

  private static String report;

  @BeforeAll
  static void evaluate() {
    report = violations(NATIVE_SQL_ONLY_WHERE_DECLARED, "nativesql.bad");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_explainsWhatToDoInstead() {
    assertThat(report)
        .contains("because Tenantry's Hibernate scoping does not see native SQL, so only row-level security stands")
        .contains(FIX);
  }

  @Test
  void nativeSqlOnlyWhereDeclared_entityManagerNativeQuery() {
    assertThat(report)
        .contains("Method <" + fixture("nativesql.bad.SalesReport.topProducts()")
            + "> calls method <jakarta.persistence.EntityManager.createNativeQuery(java.lang.String)>"
            + " in (SalesReport.java:15): native SQL is not scoped by Tenantry's Hibernate scoping")
        // a lambda belongs to its (unannotated) method
        .contains("Method <" + fixture("nativesql.bad.SalesReport.deferred()")
            + "> calls method <jakarta.persistence.EntityManager.createNativeQuery(java.lang.String)>");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_hibernateSession() {
    assertThat(report)
        .contains("Method <" + fixture("nativesql.bad.SessionBulk.purge(org.hibernate.Session)")
            + "> calls method <org.hibernate.Session.createNativeMutationQuery(java.lang.String)>")
        .contains("Method <" + fixture("nativesql.bad.SessionBulk.raw(org.hibernate.Session)")
            + "> calls method <org.hibernate.Session.doWork(org.hibernate.jdbc.Work)>");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_springJdbc() {
    String stockDao = fixture("nativesql.bad.StockDao");
    assertThat(report)
        .contains("Field <" + stockDao + ".jdbc> has type <org.springframework.jdbc.core.JdbcTemplate>")
        .contains("Constructor <" + stockDao + ".<init>(org.springframework.jdbc.core.JdbcTemplate)> declares "
            + "<org.springframework.jdbc.core.JdbcTemplate>")
        // the annotated method itself is fine; its class still has to declare the field
        .doesNotContain("Method <" + stockDao + ".count()>")
        // one violation for a fluent chain on one line, at its entry point
        .contains("Method <" + fixture("nativesql.bad.CustomerQueries.names(org.springframework.jdbc.core.simple.JdbcClient)")
            + "> calls method <org.springframework.jdbc.core.simple.JdbcClient.sql(java.lang.String)>")
        .doesNotContain("JdbcClient$StatementSpec");
  }

  /** Spring JDBC types are matched by their supertypes: subclasses are SQL executors too. */
  @Test
  void nativeSqlOnlyWhereDeclared_springJdbcSubclasses() {
    String auditing = "io.tenantry.core.archunit.fixtures.lib.AuditingJdbcTemplate";
    assertThat(report)
        // a library's subclass, outside the import: the call and the parameter, at the caller
        .contains("Method <" + fixture("nativesql.bad.AuditedSales.count(" + auditing + ")") + "> calls method <"
            + auditing + ".queryForObject(java.lang.String, java.lang.Class)> in (AuditedSales.java:9)")
        .contains("Method <" + fixture("nativesql.bad.AuditedSales.count(" + auditing + ")") + "> declares <"
            + auditing + ">")
        // the application's own subclass, reported once at its nearest Spring JDBC supertype
        .contains("Class <" + fixture("nativesql.bad.OwnJdbcTemplate") + "> extends "
            + "<org.springframework.jdbc.core.JdbcTemplate> in (OwnJdbcTemplate.java:0)")
        .doesNotContain("> extends <org.springframework.jdbc.core.JdbcOperations>")
        .contains("Method <" + fixture("nativesql.bad.OwnJdbcTemplate$Caller.purge(")
            + fixture("nativesql.bad.OwnJdbcTemplate") + ")> calls method <" + fixture("nativesql.bad.OwnJdbcTemplate")
            + ".update(java.lang.String)>")
        // a MappingSqlQuery subclass and its caller, which never names Spring JDBC
        .contains("Class <" + fixture("nativesql.bad.CustomerByName") + "> extends "
            + "<org.springframework.jdbc.object.MappingSqlQuery>")
        .contains("Method <" + fixture("nativesql.bad.CustomerSearch.byName(")
            + fixture("nativesql.bad.CustomerByName") + ", java.lang.String)> calls method <"
            + fixture("nativesql.bad.CustomerByName") + ".execute(java.lang.String)> in (CustomerSearch.java:")
        // the subclass's own calls (a bridge method, its super constructor) add nothing to its declaration
        .doesNotContain("Method <" + fixture("nativesql.bad.CustomerByName.mapRow("))
        .doesNotContain("Constructor <" + fixture("nativesql.bad.OwnJdbcTemplate.<init>("))
        .doesNotContain("Class <" + auditing);
  }

  @Test
  void nativeSqlOnlyWhereDeclared_rawJdbc() {
    String method = "Method <" + fixture("nativesql.bad.RawJdbc.touch(javax.sql.DataSource)") + "> calls method <";
    assertThat(report)
        .contains(method + "javax.sql.DataSource.getConnection()>")
        .contains(method + "java.sql.Connection.prepareStatement(java.lang.String)>")
        .contains(method + "java.sql.PreparedStatement.executeUpdate()>");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_springDataNativeQueries() {
    String repository = fixture("nativesql.bad.NativeSaleRepository");
    assertThat(report)
        .contains("Method <" + repository + ".everySale()> declares a native SQL query")
        .contains("Method <" + repository + ".bigSales()> declares a native SQL query");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_blankReason() {
    String method = "Method <" + fixture("nativesql.bad.BlankReason.total(jakarta.persistence.EntityManager)") + ">";
    assertThat(report)
        .contains(method + " is annotated @UnscopedAccess without a reason in (BlankReason.java:")
        .contains("say why this code must bypass tenant scoping")
        .contains(method + " calls method <jakarta.persistence.EntityManager.createNativeQuery");
  }

  @Test
  void nativeSqlOnlyWhereDeclared_declaredUnscopedAccess() {
    // class and method annotations, lambdas and anonymous classes in annotated methods, nested
    // classes of annotated classes, JPQL without annotation, a declared library JdbcTemplate
    // subclass (AuditedStock), a class named like a template that is not JDBC (ReceiptTemplate)
    passes(NATIVE_SQL_ONLY_WHERE_DECLARED, "nativesql.good");
  }
}
