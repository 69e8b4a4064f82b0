package io.tenantry.benchmarks.archunit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.tenantry.core.archunit.TenantryRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long {@code TenantryRules.all(...)} takes on a large import: the classes of whole libraries
 * on this module's class path (Hibernate, Spring, PostgreSQL's driver, ...), checked as if they
 * were an application. Wall-clock seconds per round, after one warm-up round; each rule alone too,
 * so that a slow rule shows. Not part of {@code RunAll}: a build-time cost, not a run-time one.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/tenantry-benchmarks.jar io.tenantry.benchmarks.archunit.RulesTiming \
 *     [--packages=org.hibernate,org.springframework,org.postgresql] [--rounds=3]
 * </pre>
 */
public final class RulesTiming {

  private RulesTiming() {}

  public static void main(String[] args) {
    String[] packages = {"org.hibernate", "org.springframework", "org.postgresql", "com.zaxxer"};
    int rounds = 3;
    for (String arg : args) {
      if (arg.startsWith("--packages=")) {
        packages = arg.substring("--packages=".length()).split(",");
      } else if (arg.startsWith("--rounds=")) {
        rounds = Integer.parseInt(arg.substring("--rounds=".length()));
      } else {
        throw new IllegalArgumentException("unknown option " + arg + "; use --packages=a.b,c.d --rounds=N");
      }
    }
    long start = System.nanoTime();
    JavaClasses classes = new ClassFileImporter().importPackages(packages);
    System.out.printf("imported %d classes of %s in %.1f s%n", classes.size(), Arrays.toString(packages),
        seconds(start));

    Map<String, ArchRule> rules = new LinkedHashMap<>();
    rules.put("all(asSystemOnlyIn(..), tenantContextsCreatedOnlyIn(..))", TenantryRules.all(
        TenantryRules.asSystemOnlyIn("org.hibernate.tool.."), TenantryRules.tenantContextsCreatedOnlyIn("org.hibernate.tool..")));
    rules.put("REPOSITORIES_MANAGE_SCOPED_ENTITIES", TenantryRules.REPOSITORIES_MANAGE_SCOPED_ENTITIES);
    rules.put("ENTITIES_ARE_SCOPED", TenantryRules.ENTITIES_ARE_SCOPED);
    rules.put("NATIVE_SQL_ONLY_WHERE_DECLARED", TenantryRules.NATIVE_SQL_ONLY_WHERE_DECLARED);
    rules.put("asSystemOnlyIn(..)", TenantryRules.asSystemOnlyIn("org.hibernate.tool.."));
    rules.put("tenantContextsCreatedOnlyIn(..)", TenantryRules.tenantContextsCreatedOnlyIn("org.hibernate.tool.."));
    rules.put("WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT", TenantryRules.WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT);
    rules.put("NO_FILTER_OR_TENANT_SWITCHING", TenantryRules.NO_FILTER_OR_TENANT_SWITCHING);
    for (Map.Entry<String, ArchRule> rule : rules.entrySet()) {
      List<String> times = new ArrayList<>();
      int violations = 0;
      for (int round = 0; round <= rounds; round++) {
        long t = System.nanoTime();
        EvaluationResult result = rule.getValue().evaluate(classes);
        double s = seconds(t);
        violations = result.getFailureReport().getDetails().size();
        if (round > 0) {
          times.add(String.format("%.2f", s));
        }
      }
      System.out.printf("%-58s %s s  (%d violations)%n", rule.getKey(), times, violations);
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
