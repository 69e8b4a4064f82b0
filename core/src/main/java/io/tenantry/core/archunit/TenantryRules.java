package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static io.tenantry.core.archunit.Library.APPLICATION_CLASSES;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * ArchUnit rules that fail the build when application code reaches data around Tenantry's tenant
 * scoping. Add them all to a test:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme.shop", importOptions = ImportOption.DoNotIncludeTests.class)
 * class TenantryArchitectureTest {
 *   @ArchTest
 *   static final ArchRule tenantry = TenantryRules.all(TenantryRules.asSystemOnlyIn("com.acme.shop.platform.."));
 * }
 * }</pre>
 *
 * <p>Each rule is usable on its own. The rules check only the application's classes: Tenantry's
 * own packages are skipped even when they are imported. They name Spring, Jakarta Persistence,
 * Hibernate and JDBC types by name, so they work whichever of them the application uses; they rely
 * on ArchUnit's default of resolving types outside the import from the class path (to see that a
 * repository extends {@code org.springframework.data.repository.Repository}, or an entity
 * {@code CompanyOwned}).
 *
 * <p>The deliberate exceptions are declared in the code, where a reviewer sees them:
 * {@link io.tenantry.core.model.SharedAcrossTenants @SharedAcrossTenants} on a global entity,
 * {@link io.tenantry.core.UnscopedAccess @UnscopedAccess("reason")} on native SQL, and the places
 * allowed to call {@code Tenancy.asSystem} in the rule configuration ({@link #asSystemOnlyIn},
 * {@link #asSystemOnlyAnnotatedWith}).
 */
public final class TenantryRules {

  /**
   * Every Spring Data repository (an interface extending
   * {@code org.springframework.data.repository.Repository}, or carrying {@code @RepositoryDefinition})
   * manages an entity that extends {@code CompanyOwned}, {@code StoreOwned} or {@code RegisterOwned},
   * or is {@code @SharedAcrossTenants} (the library's {@code Company} is accepted: its own filter
   * scopes it). The entity is read from the repository's type arguments, through intermediate
   * interfaces; {@code @NoRepositoryBean} bases and repositories generic in the entity are skipped.
   *
   * <p>A class annotated {@code @org.springframework.stereotype.Repository} must refer only to
   * scoped entities: every {@code @Entity} type in its bytecode (fields, signatures, class literals
   * such as {@code em.find(Sale.class, id)}, calls) counts. An entity named only inside a JPQL
   * string is not seen here; {@link #ENTITIES_ARE_SCOPED} catches it when it is among the checked
   * classes.
   */
  public static final ArchRule REPOSITORIES_MANAGE_SCOPED_ENTITIES = rule(
      RepositoryDomainTypes.REPOSITORIES,
      ScopingConditions.manageScopedEntities(),
      "Spring Data repositories and @Repository classes should manage only tenant-scoped entities",
      "a repository of an unscoped entity returns every company's rows; make the entity extend "
          + "CompanyOwned, StoreOwned or RegisterOwned, or mark it @SharedAcrossTenants(\"why\") "
          + "if every tenant may see it");

  /**
   * Every {@code @Entity} ({@code jakarta.persistence} or {@code javax.persistence}) extends
   * {@code CompanyOwned}, {@code StoreOwned} or {@code RegisterOwned}, directly or not, or is
   * {@code @SharedAcrossTenants}.
   */
  public static final ArchRule ENTITIES_ARE_SCOPED = rule(
      ScopedTypes.ENTITIES,
      ScopingConditions.beScopedEntities(),
      "@Entity classes should extend a tenant base class or be @SharedAcrossTenants",
      "Tenantry scopes only entities that extend CompanyOwned, StoreOwned or RegisterOwned; "
          + "an entity that is global on purpose says so with @SharedAcrossTenants(\"why\")");

  /**
   * SQL that Tenantry's Hibernate scoping never sees is allowed only in classes or methods annotated
   * {@link io.tenantry.core.UnscopedAccess @UnscopedAccess("reason")} (the reason must not be blank):
   * <ul>
   *   <li>{@code EntityManager.createNativeQuery}/{@code createStoredProcedureQuery};
   *       Hibernate's {@code createNativeQuery}, {@code createNativeMutationQuery},
   *       {@code doWork}, {@code doReturningWork}, stored procedure calls;</li>
   *   <li>Spring Data methods with {@code @Query(nativeQuery = true)}, {@code @NativeQuery},
   *       {@code @Procedure}, Spring Data JDBC's or R2DBC's {@code @Query}; classes declaring
   *       {@code @NamedNativeQuery} or {@code @NamedStoredProcedureQuery};</li>
   *   <li>any use of {@code JdbcTemplate}, {@code NamedParameterJdbcTemplate}, {@code JdbcClient},
   *       {@code SimpleJdbcInsert}/{@code Call}, {@code org.springframework.jdbc.object},
   *       {@code DataSourceUtils} (a field or constructor parameter of such a type needs the
   *       annotation on the class);</li>
   *   <li>{@code DataSource.getConnection}, {@code DriverManager.getConnection},
   *       {@code Connection.createStatement}/{@code prepareStatement}/{@code prepareCall},
   *       {@code Statement.execute*}/{@code addBatch}.</li>
   * </ul>
   */
  public static final ArchRule NATIVE_SQL_ONLY_WHERE_DECLARED = rule(
      new NativeSqlCondition(),
      "native SQL and JDBC should be used only in code annotated @UnscopedAccess(\"reason\")",
      "Tenantry's Hibernate scoping does not see native SQL, so only row-level security stands between "
          + "it and other tenants' rows; prefer JPQL or Spring Data queries on scoped entities, and "
          + "where SQL is needed, annotate the method or class with @UnscopedAccess(\"why\") so that "
          + "reviewers check it");

  /**
   * The default {@code Tenancy.asSystem} rule of {@link #all()}: application code calls it nowhere,
   * so that every cross-tenant path is a decision written into the build configuration. Replace it
   * with {@link #asSystemOnlyIn} or {@link #asSystemOnlyAnnotatedWith} through {@link #all(ArchRule)}.
   */
  public static final ArchRule AS_SYSTEM_ONLY_WHERE_CONFIGURED = asSystemRule(
      "where the build allows it (nowhere yet)",
      codeUnit -> false,
      "no application code is allowed cross-tenant access yet; if this work must cross tenants, "
          + "allow its place in the build with TenantryRules.all(TenantryRules.asSystemOnlyIn(\"com.acme.platform..\")) "
          + "or TenantryRules.all(TenantryRules.asSystemOnlyAnnotatedWith(PlatformJob.class)); "
          + "otherwise run it for one tenant with Tenancy.run(context, ...)");

  /**
   * Application code does not take the tenant from the client: no {@code @RequestHeader},
   * {@code @RequestParam} or {@code @CookieValue} named (by its value, name, or the compiled
   * parameter name) tenant, tenant id, company, company id, store, store id, register or register id
   * in any spelling ({@code X-Tenant-Id}, {@code company_id}, {@code X-Store-Id}: Tenantry resolves
   * that header itself), and no {@code @RequestBody} or {@code @ModelAttribute} type with a field
   * {@code companyId}, {@code tenantId}, {@code storeId} or {@code registerId}, itself or one level
   * down (a nested record, the element type of a list). {@code @PathVariable} is allowed: Tenantry
   * checks {@code /stores/{storeId}} against the principal's grants. Outgoing HTTP client interfaces
   * ({@code @HttpExchange}, {@code @FeignClient}) are not checked.
   */
  public static final ArchRule WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT = rule(
      new ClientTenantIdCondition(),
      "web handlers should not read tenant ids from headers, parameters, cookies or request bodies",
      "a tenant id sent by the client can name another company; the tenant comes from the "
          + "authenticated principal (read it with Tenancy.current()), a store from Tenantry's own "
          + "X-Store-Id resolution or a /stores/{storeId} path variable, both checked against the "
          + "principal's grants");

  /**
   * No call to Hibernate's {@code disableFilter} (on {@code Session}, {@code StatelessSession} or
   * {@code SharedSessionContract}) or {@code tenantIdentifier} (on any session builder), no
   * implementation of {@code CurrentTenantIdentifierResolver}, and no dependency on
   * {@code io.tenantry..internal..}.
   */
  public static final ArchRule NO_FILTER_OR_TENANT_SWITCHING = rule(
      new TenantSwitchingCondition(),
      "code should not disable session filters, switch a session's tenant or use Tenantry internals",
      "Tenantry's scoping and the session tenant are what keep one company's rows from another; "
          + "work for another tenant runs in Tenancy.run(thatTenantsContext, ...), deliberate "
          + "cross-tenant work in Tenancy.asSystem(\"reason\", ...)");

  private TenantryRules() {}

  /**
   * {@code Tenancy.asSystem} may be called only from classes in the given packages, in ArchUnit's
   * package syntax ({@code "com.acme.platform.."} for the package and its sub-packages).
   *
   * @param packageIdentifiers the packages whose classes may cross tenants; at least one
   * @return the rule, for {@link #all(ArchRule)} or on its own
   * @throws IllegalArgumentException when no package or a blank one is given
   */
  public static ArchRule asSystemOnlyIn(String... packageIdentifiers) {
    Objects.requireNonNull(packageIdentifiers, "packageIdentifiers");
    if (packageIdentifiers.length == 0 || Arrays.stream(packageIdentifiers).anyMatch(p -> p == null || p.isBlank())) {
      throw new IllegalArgumentException("asSystemOnlyIn needs the packages allowed to cross tenants, "
          + "e.g. asSystemOnlyIn(\"com.acme.platform..\"); got " + Arrays.toString(packageIdentifiers));
    }
    String places = Arrays.toString(packageIdentifiers);
    DescribedPredicate<JavaClass> inPackages = JavaClass.Predicates.resideInAnyPackage(packageIdentifiers.clone());
    return asSystemRule(
        "in " + places,
        codeUnit -> inPackages.test(codeUnit.getOwner()),
        "cross-tenant work is allowed only in " + places + "; move it there, or run it for one tenant "
            + "with Tenancy.run(context, ...)");
  }

  /**
   * {@code Tenancy.asSystem} may be called only from methods annotated (directly or through a
   * meta-annotation) with {@code annotationType}, from classes so annotated, and from the lambdas,
   * anonymous and nested classes inside them. The annotation needs CLASS or RUNTIME retention.
   *
   * @param annotationType the application's marker, e.g. {@code PlatformJob.class}
   * @return the rule, for {@link #all(ArchRule)} or on its own
   */
  public static ArchRule asSystemOnlyAnnotatedWith(Class<? extends Annotation> annotationType) {
    Objects.requireNonNull(annotationType, "annotationType");
    Exemptions exemptions = Exemptions.metaAnnotatedWith(annotationType.getName());
    String annotation = "@" + annotationType.getSimpleName();
    return asSystemRule(
        "in code annotated " + annotation,
        exemptions::covers,
        "cross-tenant work is allowed only in code annotated " + annotation + "; annotate the method "
            + "if this work must cross tenants, or run it for one tenant with Tenancy.run(context, ...)");
  }

  /**
   * Every rule, with {@link #AS_SYSTEM_ONLY_WHERE_CONFIGURED}: any {@code Tenancy.asSystem} call in
   * the application fails the build until its place is allowed through {@link #all(ArchRule)}.
   *
   * @return every rule as one, reporting the violations of all of them together
   */
  public static CompositeArchRule all() {
    return all(AS_SYSTEM_ONLY_WHERE_CONFIGURED);
  }

  /**
   * Every rule, with {@code asSystemRule} deciding where {@code Tenancy.asSystem} may be called:
   * {@code all(asSystemOnlyIn("com.acme.platform.."))} or
   * {@code all(asSystemOnlyAnnotatedWith(PlatformJob.class))}.
   *
   * @param asSystemRule the rule that replaces {@link #AS_SYSTEM_ONLY_WHERE_CONFIGURED}
   * @return every rule as one, reporting the violations of all of them together
   */
  public static CompositeArchRule all(ArchRule asSystemRule) {
    Objects.requireNonNull(asSystemRule, "asSystemRule: pass TenantryRules.asSystemOnlyIn(...) or "
        + "asSystemOnlyAnnotatedWith(...), or call all() to allow no cross-tenant access");
    // A short name: the composite's report would otherwise open with every rule's text joined by
    // "and"; each violation line names its own fix.
    return CompositeArchRule.of(REPOSITORIES_MANAGE_SCOPED_ENTITIES)
        .and(ENTITIES_ARE_SCOPED)
        .and(NATIVE_SQL_ONLY_WHERE_DECLARED)
        .and(asSystemRule)
        .and(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT)
        .and(NO_FILTER_OR_TENANT_SWITCHING)
        .as("Tenantry's tenant isolation rules (scoped repositories and entities, declared native SQL, "
            + "Tenancy.asSystem only where allowed, no tenant ids from clients, no filter or tenant switching)");
  }

  private static ArchRule asSystemRule(String places, Predicate<JavaCodeUnit> allowed, String fix) {
    return rule(
        new AsSystemCondition(places, allowed, fix),
        "Tenancy.asSystem should be called only " + places,
        "Tenancy.asSystem lifts tenant scoping for everything the task does, so every place that may "
            + "cross tenants is listed in the build configuration; work for one tenant runs in "
            + "Tenancy.run(context, ...) instead");
  }

  /** A rule over all application classes. */
  private static ArchRule rule(ArchCondition<JavaClass> condition, String description, String because) {
    return rule(APPLICATION_CLASSES, condition, description, because);
  }

  /**
   * A rule over the application classes that {@code which} selects. An application without, say,
   * entities passes instead of failing with ArchUnit's "rule checked no classes".
   */
  private static ArchRule rule(
      DescribedPredicate<? super JavaClass> which,
      ArchCondition<JavaClass> condition,
      String description,
      String because) {
    DescribedPredicate<JavaClass> checked = which == APPLICATION_CLASSES ? APPLICATION_CLASSES : APPLICATION_CLASSES.and(which);
    return classes()
        .that(checked)
        .should(condition)
        .as(description)
        .because(because)
        .allowEmptyShould(true);
  }
}
