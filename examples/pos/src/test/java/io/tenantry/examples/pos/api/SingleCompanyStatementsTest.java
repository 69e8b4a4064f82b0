package io.tenantry.examples.pos.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.api.StatementRecorder.Execution;
import io.tenantry.hibernate.rls.CitusReadiness;
import io.tenantry.test.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;

/**
 * The single-company statement figure (issue 24, docs/scale-out.md): every statement the reference app sends during a
 * representative run — signups, logins, invitations, stores, registers and their keys, catalog and prices, register
 * key authentication, catalog sync, sales (and a retried sale), the time clock, customers, employees, settings, reports,
 * key revocation — is recorded at the JDBC layer with its parameters and the binding that sent it, and classified:
 * <ul>
 *   <li><b>one company, named</b>: every tenant table in it is constrained to {@code company_id = ?} (or paired with
 *       a constrained table on {@code company_id}), an insert carries {@code company_id}, and the bound company is a
 *       parameter: on Citus a single-shard statement, with clusters one company's cluster;</li>
 *   <li><b>one company by row-level security only</b>: tenant tables, a company bound, the text does not name it;</li>
 *   <li><b>system work</b>: run as the system login (its reason recorded) — the exceptions, each listed;</li>
 *   <li><b>no tenant table</b>: global (reference) tables, catalogs, {@code select 1}.</li>
 * </ul>
 * The test requires every statement on a tenant table made under a company's binding to name that company, and every
 * statement on a tenant table outside one to be system work with a reason from the reviewed list. With
 * {@code -Dpos.statements.write=true} it writes {@code benchmarks/results/single-company-statements.md}:
 * <pre>
 * mvn -B -pl examples/pos -am test -Dtest=SingleCompanyStatementsTest -Dsurefire.failIfNoSpecifiedTests=false -Dpos.statements.write=true
 * </pre>
 */
class SingleCompanyStatementsTest extends ApiTestBase {

  static final Path REPORT = Path.of("../../benchmarks/results/single-company-statements.md");
  static final StatementRecorder RECORDER = new StatementRecorder();

  /** The system work the reference app does, each with why it cannot name one company (or why it need not). */
  static final Map<String, String> REVIEWED = new LinkedHashMap<>();

  static {
    REVIEWED.put("register key lookup", "a register presents only its key: the lookup finds the key's company by the"
        + " key's hash in the global directory tenantry_register_key_lookup (a reference table); the key row is then"
        + " read as that company (a statement naming it)");
    REVIEWED.put("register key directory", "records a new key's hash in the global directory (a reference table)");
    REVIEWED.put("accept invitation", "an invitee presents only the mailed token: the invitation is found by the"
        + " token's hash before its company is known (pos_invitation_token_hash, every shard on Citus), and the"
        + " login by its e-mail (a reference table); rare: once per invited person");
    REVIEWED.put("signup", "a signup names an e-mail and a company name, no company yet: the request and the login are"
        + " global (reference tables); the new company's first rows name it; rare: once per company");
    REVIEWED.put("login:", "a login names an e-mail, not a company: the login (a reference table) and its memberships in"
        + " every company it belongs to are read by the user id (every shard on Citus); once per session");
    REVIEWED.put("add user", "whether an e-mail is free is a question about every company: e-mails are unique"
        + " platform-wide (tenantry_user_account, a reference table)");
  }

  SingleCompanyStatementsTest(TestDatabase db) {
    super(db);
  }

  @TestConfiguration
  static class Recording {
    @Bean
    static BeanPostProcessor recordStatements() {
      return RECORDER.wrappingTheDataSourceBean();
    }
  }

  @Test
  void everyStatementOnTenantDataUnderACompanyNamesThatCompany() throws Exception {
    Set<String> tenantTables = new HashSet<>(CitusReadiness.of(db.adminDataSource()).run().tenantTables());
    RECORDER.start();
    World w;
    try {
      w = World.create(this);
      run(w);
    } finally {
      RECORDER.stop();
    }
    List<Execution> executions = RECORDER.stop();
    assertThat(executions).hasSizeGreaterThan(100);

    Map<String, Row> distinct = new TreeMap<>();
    for (Execution e : executions) {
      String kind = classify(e, tenantTables);
      Row row = distinct.computeIfAbsent(kind + "\u0000" + normalize(e.sql()), k -> new Row(kind, normalize(e.sql())));
      row.count++;
      if (e.systemReason() != null) {
        row.reasons.add(e.systemReason());
      }
    }
    List<Row> rows = new ArrayList<>(distinct.values());
    assertThat(rows).filteredOn(r -> r.kind.equals(RLS_ONLY)).as("statements on tenant tables under a company that do"
        + " not name it").isEmpty();
    assertThat(rows).filteredOn(r -> r.kind.equals(UNBOUND)).as("statements on tenant tables with nothing bound")
        .isEmpty();
    assertThat(rows).filteredOn(r -> r.kind.equals(SYSTEM)).allSatisfy(r -> assertThat(r.reasons)
        .allSatisfy(reason -> assertThat(REVIEWED.keySet().stream()
            .anyMatch(k -> reason.toLowerCase(Locale.ROOT).contains(k))).as("reviewed: " + reason).isTrue()));
    assertThat(rows).filteredOn(r -> r.kind.equals(NAMED)).hasSizeGreaterThan(40);
    // the reads a register makes on every request name its company, the key row included
    assertThat(rows).filteredOn(r -> r.kind.equals(NAMED)).anySatisfy(r -> assertThat(r.sql)
        .startsWith("select").contains("from tenantry_register_key").contains(".id=? and rk1_0.company_id=?"));
    assertThat(rows).filteredOn(r -> r.kind.equals(NAMED)).anySatisfy(r -> assertThat(r.sql).contains("from pos_sale"));

    if (Boolean.getBoolean("pos.statements.write")) {
      Files.writeString(REPORT, report(rows, executions.size()), StandardCharsets.UTF_8);
    }
  }

  /** A representative run after World.create: what registers, cashiers, managers and owners do. */
  private void run(World w) throws Exception {
    for (String key : List.of(w.keyA1, w.keyA2, w.keyB1)) {
      assertThat(get("/api/sync/catalog", key).getStatus()).isEqualTo(200);
      assertThat(get("/api/sync/catalog?since=1", key).getStatus()).isEqualTo(200);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(post("/api/sales", w.keyA1, World.sale("a1-" + i, w.milkA, i + 1)).getStatus()).isEqualTo(201);
      assertThat(post("/api/sales", w.keyB1, World.sale("b1-" + i, w.milkB, 1)).getStatus()).isEqualTo(201);
    }
    var retried = post("/api/sales", w.keyA1, World.sale("a1-0", w.milkA, 1));
    assertThat(retried.getStatus()).isBetween(200, 201);
    UUID sale = id(post("/api/sales", w.keyA2, "{\"clientSaleId\":\"a2-c\",\"customerId\":\"" + w.customerA
        + "\",\"lines\":[{\"productId\":\"" + w.milkA + "\",\"quantity\":2},{\"productId\":\"" + w.breadA
        + "\",\"quantity\":1}]}"), "$.id");
    assertThat(get("/api/sales/" + sale, w.ownerA).getStatus()).isEqualTo(200);
    assertThat(get("/api/sales/" + sale, w.ownerB).getStatus()).isEqualTo(404);
    assertThat(call(HttpMethod.POST, "/api/time-clock/clock-in", w.managerA1, w.storeA1,
        "{\"employeeId\":\"" + w.employeeA1 + "\"}").getStatus()).isBetween(200, 201);
    assertThat(call(HttpMethod.GET, "/api/time-clock/today", w.managerA1, w.storeA1, null).getStatus()).isEqualTo(200);
    assertThat(call(HttpMethod.POST, "/api/time-clock/clock-out", w.managerA1, w.storeA1,
        "{\"employeeId\":\"" + w.employeeA1 + "\"}").getStatus()).isBetween(200, 201);
    for (String token : List.of(w.ownerA, w.managerA1, w.cashierA2, w.ownerB)) {
      for (String path : List.of("/api/me", "/api/company", "/api/stores", "/api/products", "/api/customers",
          "/api/employees", "/api/settings", "/api/reports/sales?from=" + java.time.LocalDate.now().minusDays(7) + "&to="
          + java.time.LocalDate.now().plusDays(1))) {
        assertThat(get(path, token).getStatus()).as(path).isLessThan(500);
      }
    }
    assertThat(get("/api/products/" + w.milkA, w.ownerA).getStatus()).isEqualTo(200);
    assertThat(get("/api/customers/" + w.customerA, w.ownerA).getStatus()).isEqualTo(200);
    assertThat(get("/api/stores/" + w.storeA1 + "/registers", w.ownerA).getStatus()).isEqualTo(200);
    assertThat(call(HttpMethod.PUT, "/api/products/" + w.breadA, w.ownerA, null,
        "{\"sku\":\"BREAD\",\"name\":\"Bread\",\"basePrice\":\"2.10\"}").getStatus()).isEqualTo(200);
    assertThat(call(HttpMethod.PUT, "/api/settings", w.ownerA, null, "{\"taxRate\":\"0.0700\"}").getStatus())
        .isEqualTo(200);
    assertThat(call(HttpMethod.DELETE, "/api/stores/" + w.storeA1 + "/prices/" + w.milkA, w.ownerA, null, null)
        .getStatus()).isLessThan(300);
    var key = post("/api/stores/" + w.storeA1 + "/registers/" + w.registerA1 + "/keys", w.ownerA, null);
    assertThat(key.getStatus()).isEqualTo(201);
    assertThat(get("/api/sync/catalog", read(key, "$.apiKey")).getStatus()).isEqualTo(200);
    String keyId;
    try (var c = db.adminDataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(
        "select id from tenantry_register_key where register_id = '" + w.registerA1 + "' order by created_at desc")) {
      rs.next();
      keyId = rs.getString(1);
    }
    assertThat(call(HttpMethod.DELETE, "/api/stores/" + w.storeA1 + "/register-keys/" + keyId, w.ownerA, null, null)
        .getStatus()).isLessThan(300);
    assertThat(get("/api/sync/catalog", read(key, "$.apiKey")).getStatus()).isEqualTo(401);
    assertThat(post("/api/auth/login", null, "{\"email\":\"owner-a@test.example\",\"password\":\"wrong-pass\"}")
        .getStatus()).isEqualTo(401);
  }

  static final String NAMED = "one company, named";
  static final String RLS_ONLY = "one company by row-level security only";
  static final String SYSTEM = "system work";
  static final String SYSTEM_NAMED = "system work naming one company";
  static final String GLOBAL = "no tenant table";
  static final String UNBOUND = "tenant table, nothing bound";

  static final Pattern TABLE = Pattern.compile("\\b(from|join|update|into)\\s+([a-z_][a-z0-9_]*)(?:\\s+(?:as\\s+)?"
      + "(?!where\\b|on\\b|set\\b|values\\b|join\\b|left\\b|inner\\b|cross\\b|order\\b|group\\b|limit\\b|for\\b)"
      + "([a-z_][a-z0-9_]*))?", Pattern.CASE_INSENSITIVE);

  static String classify(Execution e, Set<String> tenantTables) {
    String sql = e.sql().toLowerCase(Locale.ROOT);
    Map<String, String> aliases = new LinkedHashMap<>(); // alias -> tenant table
    Matcher m = TABLE.matcher(sql);
    while (m.find()) {
      if (tenantTables.contains(m.group(2))) {
        aliases.put(m.group(3) == null || m.group(1).equals("into") ? m.group(2) : m.group(3), m.group(2));
      }
    }
    if (aliases.isEmpty()) {
      return GLOBAL;
    }
    if (e.systemReason() != null) {
      return named(sql, aliases) ? SYSTEM_NAMED : SYSTEM;
    }
    if (e.company() == null) {
      return UNBOUND;
    }
    boolean companyIsParameter = e.parameters().values().stream().map(StatementRecorder::uuid)
        .anyMatch(u -> u.isPresent() && u.get().equals(e.company()));
    return companyIsParameter && named(sql, aliases) ? NAMED : RLS_ONLY;
  }

  /** Whether every tenant table of the statement is constrained to one company by its text. */
  static boolean named(String sql, Map<String, String> aliases) {
    if (sql.startsWith("insert")) {
      Matcher columns = Pattern.compile("insert into [a-z_0-9]+ \\(([^)]*)\\)").matcher(sql);
      return columns.find() && List.of(columns.group(1).replace(" ", "").split(",")).contains(
          aliases.values().iterator().next().equals("tenantry_company") ? "id" : "company_id") && aliases.size() == 1;
    }
    Set<String> constrained = new HashSet<>();
    for (Map.Entry<String, String> a : aliases.entrySet()) {
      String column = a.getValue().equals("tenantry_company") ? "id" : "company_id";
      String qualified = Pattern.quote(a.getKey()) + "\\." + column + "\\s*=\\s*\\?";
      String bare = "(?<![a-z0-9_.])" + column + "\\s*=\\s*\\?";
      if (Pattern.compile(qualified).matcher(sql).find() || aliases.size() == 1 && Pattern.compile(bare).matcher(sql)
          .find()) {
        constrained.add(a.getKey());
      }
    }
    boolean changed = true;
    Pattern pair = Pattern.compile("([a-z_0-9]+)\\.(company_id|id)\\s*=\\s*([a-z_0-9]+)\\.(company_id|id)");
    while (changed) {
      changed = false;
      Matcher p = pair.matcher(sql);
      while (p.find()) {
        String left = p.group(1);
        String right = p.group(3);
        if (!isDistribution(aliases, left, p.group(2)) || !isDistribution(aliases, right, p.group(4))) {
          continue;
        }
        if (constrained.contains(left) && constrained.add(right) || constrained.contains(right) && constrained.add(left)) {
          changed = true;
        }
      }
    }
    return constrained.containsAll(aliases.keySet());
  }

  private static boolean isDistribution(Map<String, String> aliases, String alias, String column) {
    String table = aliases.get(alias);
    return table != null && column.equals(table.equals("tenantry_company") ? "id" : "company_id");
  }

  static String normalize(String sql) {
    return sql.replaceAll("\\s+", " ").trim();
  }

  static final class Row {
    final String kind;
    final String sql;
    long count;
    final Set<String> reasons = new java.util.TreeSet<>();

    Row(String kind, String sql) {
      this.kind = kind;
      this.sql = sql;
    }
  }

  static String report(List<Row> rows, int executions) {
    Map<String, List<Row>> byKind = rows.stream().collect(Collectors.groupingBy(r -> r.kind, TreeMap::new,
        Collectors.toList()));
    long tenantDistinct = rows.stream().filter(r -> !r.kind.equals(GLOBAL)).count();
    long tenantExecutions = rows.stream().filter(r -> !r.kind.equals(GLOBAL)).mapToLong(r -> r.count).sum();
    long namedDistinct = byKind.getOrDefault(NAMED, List.of()).size();
    long namedExecutions = byKind.getOrDefault(NAMED, List.of()).stream().mapToLong(r -> r.count).sum();
    long systemNamedDistinct = byKind.getOrDefault(SYSTEM_NAMED, List.of()).size();
    long systemNamedExecutions = byKind.getOrDefault(SYSTEM_NAMED, List.of()).stream().mapToLong(r -> r.count).sum();
    long systemDistinct = byKind.getOrDefault(SYSTEM, List.of()).size();
    long systemExecutions = byKind.getOrDefault(SYSTEM, List.of()).stream().mapToLong(r -> r.count).sum();
    StringBuilder out = new StringBuilder();
    out.append("# Single-company statements of the reference POS\n\n")
        .append("Generated by `examples/pos/.../api/SingleCompanyStatementsTest` (not by the benchmark run):\n\n")
        .append("```\nmvn -B -pl examples/pos -am test -Dtest=SingleCompanyStatementsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dpos.statements.write=true\n```\n\n")
        .append("Every statement the POS sent through its application DataSource during a representative run (two "
            + "companies signing up, logins, invitations, stores, registers and keys, catalog and prices, register-key "
            + "authentication, catalog sync, sales and a retried sale, the time clock, back-office reads by owner, "
            + "manager and cashier, settings, reports, key revocation), recorded at the JDBC layer with its parameters "
            + "and the binding of the thread that sent it. Flyway's migrations (the owner login, before serving) are "
            + "not part of it. See docs/scale-out.md, 'The road to Citus'.\n\n")
        .append("## The figure\n\n")
        .append("| | distinct statements | executions |\n| --- | ---: | ---: |\n")
        .append("| all statements | ").append(rows.size()).append(" | ").append(executions).append(" |\n")
        .append("| on tenant tables | ").append(tenantDistinct).append(" | ").append(tenantExecutions).append(" |\n")
        .append("| — under a company's binding, naming that company | ").append(namedDistinct).append(" | ")
        .append(namedExecutions).append(" |\n")
        .append("| — under a company's binding, by row-level security only | ")
        .append(byKind.getOrDefault(RLS_ONLY, List.of()).size()).append(" | ")
        .append(byKind.getOrDefault(RLS_ONLY, List.of()).stream().mapToLong(r -> r.count).sum()).append(" |\n")
        .append("| — system work naming one company | ").append(systemNamedDistinct).append(" | ")
        .append(systemNamedExecutions).append(" |\n")
        .append("| — system work not naming one company (the exceptions below) | ").append(systemDistinct)
        .append(" | ").append(systemExecutions).append(" |\n\n")
        .append(String.format(Locale.ROOT, "**%.1f %%** of the distinct statements on tenant tables made under a "
            + "company's binding name that one company (%d of %d). Of all distinct statements on tenant tables, %.1f %%"
            + " name one company (%d of %d, system work included); the other %d are the exceptions listed below, each"
            + " with why. By executions: %.1f %% (%d of %d).%n%n",
            100.0 * namedDistinct / Math.max(1, tenantDistinct - systemDistinct - systemNamedDistinct), namedDistinct,
            tenantDistinct - systemDistinct - systemNamedDistinct,
            100.0 * (namedDistinct + systemNamedDistinct) / Math.max(1, tenantDistinct), namedDistinct
            + systemNamedDistinct, tenantDistinct, systemDistinct,
            100.0 * (namedExecutions + systemNamedExecutions) / Math.max(1, tenantExecutions),
            namedExecutions + systemNamedExecutions, tenantExecutions));
    out.append("A statement names one company when every tenant table in it is constrained by `company_id = ?` "
        + "(`id = ?` for `tenantry_company`) or joined on `company_id` to such a table, or, for an insert, carries "
        + "`company_id`; and the bound company is one of its parameters. On Citus such a statement goes to one shard; "
        + "with companies on several clusters, to the company's cluster.\n\n");
    out.append("## Exceptions: system work on tenant tables\n\n");
    for (Row r : byKind.getOrDefault(SYSTEM, List.of())) {
      String reason = String.join("; ", r.reasons);
      String why = REVIEWED.entrySet().stream().filter(k -> reason.toLowerCase(Locale.ROOT).contains(k.getKey()))
          .map(Map.Entry::getValue).findFirst().orElse("");
      out.append("- `").append(r.sql.replace("`", "'")).append("` (").append(r.count).append("×)\n  - reason: ")
          .append(reason).append("\n  - why not one company: ").append(why).append('\n');
    }
    out.append("\n## Statements on no tenant table\n\nGlobal (reference) tables, the catalogs, connection checks: "
        + "on Citus the coordinator or a reference table answers them.\n\n");
    for (Row r : byKind.getOrDefault(GLOBAL, List.of())) {
      out.append("- `").append(r.sql.replace("`", "'")).append("` (").append(r.count).append("×)")
          .append(r.reasons.isEmpty() ? "" : " — system work: " + String.join("; ", r.reasons)).append('\n');
    }
    out.append("\n## Statements naming one company\n\n");
    for (Row r : byKind.getOrDefault(SYSTEM_NAMED, List.of())) {
      out.append("- `").append(r.sql.replace("`", "'")).append("` (").append(r.count).append("×) — system work: ")
          .append(String.join("; ", r.reasons)).append('\n');
    }
    for (Row r : byKind.getOrDefault(NAMED, List.of())) {
      out.append("- `").append(r.sql.replace("`", "'")).append("` (").append(r.count).append("×)\n");
    }
    return out.toString();
  }
}
