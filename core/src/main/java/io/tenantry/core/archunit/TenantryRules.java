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
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Predicate;

/**
 * ArchUnit rules that fail the build when application code reaches data around Tenantry's tenant
 * scoping. Add them all to a test:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.acme.shop", importOptions = ImportOption.DoNotIncludeTests.class)
 * class TenantryArchitectureTest {
 *   @ArchTest
 *   static final ArchRule tenantry = TenantryRules.all(
 *       TenantryRules.asSystemOnlyIn("com.acme.shop.platform.."),
 *       TenantryRules.tenantContextsCreatedOnlyIn("com.acme.shop.platform.."));
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
 * {@link io.tenantry.core.UnscopedAccess @UnscopedAccess("reason")} on native SQL, and in the rule
 * configuration the places allowed to call {@code Tenancy.asSystem} ({@link #asSystemOnlyIn},
 * {@link #asSystemOnlyAnnotatedWith}) and to create a {@code TenantContext}
 * ({@link #tenantContextsCreatedOnlyIn}, {@link #tenantContextsCreatedOnlyAnnotatedWith}).
 */
public final class TenantryRules {

  /**
   * The place rules this class made, by kind, so that {@link #all(ArchRule, ArchRule)} can refuse
   * them swapped. Weak: rules made in a test need not live forever.
   */
  private static final Set<ArchRule> AS_SYSTEM_RULES = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private static final Set<ArchRule> TENANT_CONTEXT_RULES = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

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
          + "CompanyOwned, StoreOwned or RegisterOwned (or annotate its company_id field @CompanyId), or mark it @SharedAcrossTenants(\"why\") "
          + "if every tenant may see it");

  /**
   * Every {@code @Entity} ({@code jakarta.persistence} or {@code javax.persistence}) extends
   * {@code CompanyOwned}, {@code StoreOwned} or {@code RegisterOwned}, directly or not, or declares
   * {@code @CompanyId} on a field (of its own or of a superclass), or is
   * {@code @SharedAcrossTenants} with a reason that is not blank.
   */
  public static final ArchRule ENTITIES_ARE_SCOPED = rule(
      ScopedTypes.ENTITIES,
      ScopingConditions.beScopedEntities(),
      "@Entity classes should extend a tenant base class or be @SharedAcrossTenants",
      "Tenantry scopes only entities that extend CompanyOwned, StoreOwned or RegisterOwned or declare "
          + "@CompanyId on their company_id field; "
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
   *       {@code SimpleJdbcInsert}/{@code Call}, {@code org.springframework.jdbc.object}
   *       ({@code MappingSqlQuery}, {@code SqlUpdate}, ...), {@code DataSourceUtils}, or of a subclass
   *       of one of them (matched by supertype names, so an application's or a library's
   *       {@code JdbcTemplate} subclass counts; a field or constructor parameter of such a type
   *       needs the annotation on the class);</li>
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
   * The default {@code TenantContext} rule of {@link #all()} and {@link #all(ArchRule)}: application
   * code creates no tenant context ({@code TenantContext.ofCompany}, {@code ofStore},
   * {@code ofRegister}, {@code builder}) anywhere. The starter binds the authenticated principal's
   * tenant to every request and {@code TenantJobs} binds each company for a job; a place of the
   * application's own that must choose the tenant (signup, a message listener) is allowed through
   * {@link #all(ArchRule, ArchRule)} with {@link #tenantContextsCreatedOnlyIn} or
   * {@link #tenantContextsCreatedOnlyAnnotatedWith}. Deriving a context from the bound one
   * ({@code withStore}, which checks the grants, and {@code withoutStore}) and binding any context
   * ({@code Tenancy.run}) are allowed everywhere: with creation confined, every context in the
   * application is the principal's or comes from an allowed place.
   */
  public static final ArchRule TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED = tenantContextRule(
      "where the build allows it (nowhere yet)",
      codeUnit -> false,
      "no application code is allowed to choose the tenant yet. The starter binds the authenticated "
          + "principal's tenant to every request (read it with Tenancy.current(), select one of its stores "
          + "with Tenancy.current().withStore(storeId)) and TenantJobs runs a job once per company; if this "
          + "code must choose the tenant itself (signup, a message listener), allow its place in the build "
          + "with TenantryRules.all(asSystemRule, TenantryRules.tenantContextsCreatedOnlyIn(\"com.acme.platform..\")) "
          + "or tenantContextsCreatedOnlyAnnotatedWith(PlatformJob.class)");

  /**
   * Application code does not take the tenant from the client:
   * <ul>
   *   <li>no {@code @RequestHeader}, {@code @RequestParam}, {@code @CookieValue},
   *       {@code @RequestPart} or {@code @MatrixVariable} named (by its value, name, or the compiled
   *       parameter name) tenant, tenant id, company, company id, store, store id, register or
   *       register id in any spelling ({@code X-Tenant-Id}, {@code company_id}, {@code X-Store-Id}:
   *       Tenantry resolves that header itself);</li>
   *   <li>no {@code @RequestBody}, {@code @ModelAttribute} or {@code @RequestPart} type with a field
   *       {@code tenant}, {@code tenantId}, {@code company}, {@code companyId}, {@code storeId} or
   *       {@code registerId}, itself or one level down (a nested record, the element type of a
   *       list); the tenant columns an entity inherits from Tenantry's base classes do not count
   *       (the starter makes them read-only in JSON);</li>
   *   <li>no whole bag whose keys the build cannot see: a {@code Map}, {@code MultiValueMap} or
   *       {@code HttpHeaders} bound with {@code @RequestHeader}, {@code @RequestParam},
   *       {@code @MatrixVariable}, {@code @RequestBody} or {@code @ModelAttribute}, an
   *       {@code HttpHeaders} parameter of a handler, and, in a {@code @Controller}, reading the
   *       request's headers, parameters or cookies from {@code HttpServletRequest},
   *       {@code WebRequest}, {@code ServerHttpRequest} or {@code ServerRequest}.</li>
   * </ul>
   * Annotations count where Spring MVC finds them: on the method, or on the interface or superclass
   * method it implements (API-first). {@code @PathVariable} is allowed: Tenantry checks
   * {@code /stores/{storeId}} against the principal's grants, and a path variable bound as the
   * tenant is caught by {@link #TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED}. Outgoing HTTP client
   * interfaces ({@code @HttpExchange}, {@code @FeignClient}) are not checked.
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
   * {@code SharedSessionContract}), no {@code enableFilter} or {@code getEnabledFilter} of
   * {@code TenantFilters.SYSTEM_SESSION} (found in the caller's class file, since javac copies the
   * constant there), no {@code tenantIdentifier} (on any session builder), no implementation of
   * {@code CurrentTenantIdentifierResolver}, no reflective field write ({@code Field.set*},
   * Spring's {@code ReflectionUtils.setField}) in code that names a tenant-owned type, and no
   * dependency on {@code io.tenantry..internal..}.
   */
  public static final ArchRule NO_FILTER_OR_TENANT_SWITCHING = rule(
      new TenantSwitchingCondition(),
      "code should not disable session filters, enable Tenantry's, switch a session's or a row's tenant "
          + "or use Tenantry internals",
      "Tenantry's scoping and the session tenant are what keep one company's rows from another; "
          + "work for another tenant runs in Tenancy.run(thatTenantsContext, ...), deliberate "
          + "cross-tenant work in Tenancy.runAsSystem(\"reason\", ...)");

  private TenantryRules() {}

  /**
   * {@code Tenancy.asSystem} may be called only from classes in the given packages, in ArchUnit's
   * package syntax ({@code "com.acme.platform.."} for the package and its sub-packages).
   *
   * <p>An allowed method that takes a task (a {@code Runnable}, {@code Supplier}, any functional
   * interface) and calls {@code Tenancy.asSystem} lends cross-tenant access to whatever it is
   * given: calls to it from elsewhere are reported too, when it is among the checked classes.
   *
   * @param packageIdentifiers the packages whose classes may cross tenants; at least one
   * @return the rule, for {@link #all(ArchRule)} or on its own
   * @throws IllegalArgumentException when no package or a blank one is given
   */
  public static ArchRule asSystemOnlyIn(String... packageIdentifiers) {
    String places = Arrays.toString(requirePackages("asSystemOnlyIn", "cross tenants", packageIdentifiers));
    return asSystemRule(
        "in " + places,
        inPackages(packageIdentifiers),
        "cross-tenant work is allowed only in " + places + "; move it there, or run it for one tenant "
            + "with Tenancy.run(context, ...)");
  }

  /**
   * {@code Tenancy.asSystem} may be called only from methods annotated (directly or through a
   * meta-annotation) with {@code annotationType}, from classes so annotated, and from the lambdas,
   * anonymous and nested classes inside them. The annotation needs CLASS or RUNTIME retention.
   *
   * <p>An allowed method that takes a task (a {@code Runnable}, {@code Supplier}, any functional
   * interface) and calls {@code Tenancy.asSystem} lends cross-tenant access to whatever it is
   * given: calls to it from elsewhere are reported too, when it is among the checked classes.
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
   * A {@code TenantContext} may be created ({@code ofCompany}, {@code ofStore}, {@code ofRegister},
   * {@code builder}) only in classes of the given packages, in ArchUnit's package syntax. For
   * {@link #all(ArchRule, ArchRule)}.
   *
   * @param packageIdentifiers the packages whose classes may choose the tenant; at least one
   * @return the rule, for {@link #all(ArchRule, ArchRule)} or on its own
   * @throws IllegalArgumentException when no package or a blank one is given
   */
  public static ArchRule tenantContextsCreatedOnlyIn(String... packageIdentifiers) {
    String places = Arrays.toString(requirePackages("tenantContextsCreatedOnlyIn", "choose the tenant",
        packageIdentifiers));
    return tenantContextRule(
        "in " + places,
        inPackages(packageIdentifiers),
        "a tenant context may be created only in " + places + "; take the principal's with "
            + "Tenancy.current() (a granted store with withStore(storeId)), or move the code there");
  }

  /**
   * A {@code TenantContext} may be created only in methods annotated (directly or through a
   * meta-annotation) with {@code annotationType}, in classes so annotated, and in the lambdas,
   * anonymous and nested classes inside them. The annotation needs CLASS or RUNTIME retention.
   *
   * @param annotationType the application's marker, e.g. {@code PlatformJob.class}
   * @return the rule, for {@link #all(ArchRule, ArchRule)} or on its own
   */
  public static ArchRule tenantContextsCreatedOnlyAnnotatedWith(Class<? extends Annotation> annotationType) {
    Objects.requireNonNull(annotationType, "annotationType");
    Exemptions exemptions = Exemptions.metaAnnotatedWith(annotationType.getName());
    String annotation = "@" + annotationType.getSimpleName();
    return tenantContextRule(
        "in code annotated " + annotation,
        exemptions::covers,
        "a tenant context may be created only in code annotated " + annotation + "; take the principal's "
            + "with Tenancy.current() (a granted store with withStore(storeId)), or annotate the method if "
            + "it must choose the tenant itself");
  }

  /**
   * Every rule, with {@link #AS_SYSTEM_ONLY_WHERE_CONFIGURED} and
   * {@link #TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED}: any {@code Tenancy.asSystem} call and
   * any new {@code TenantContext} in the application fails the build until its place is allowed
   * through {@link #all(ArchRule, ArchRule)}.
   *
   * @return every rule as one, reporting the violations of all of them together
   */
  public static CompositeArchRule all() {
    return all(AS_SYSTEM_ONLY_WHERE_CONFIGURED, TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED);
  }

  /**
   * Every rule, with {@code asSystemRule} deciding where {@code Tenancy.asSystem} may be called
   * ({@code all(asSystemOnlyIn("com.acme.platform.."))} or
   * {@code all(asSystemOnlyAnnotatedWith(PlatformJob.class))}), and no {@code TenantContext}
   * created anywhere ({@link #TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED}).
   *
   * @param asSystemRule the rule that replaces {@link #AS_SYSTEM_ONLY_WHERE_CONFIGURED}
   * @return every rule as one, reporting the violations of all of them together
   */
  public static CompositeArchRule all(ArchRule asSystemRule) {
    return all(asSystemRule, TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED);
  }

  /**
   * Every rule, with {@code asSystemRule} deciding where {@code Tenancy.asSystem} may be called and
   * {@code tenantContextRule} where a {@code TenantContext} may be created:
   * {@code all(asSystemOnlyIn("com.acme.platform.."), tenantContextsCreatedOnlyIn("com.acme.platform.."))}.
   *
   * @param asSystemRule {@link #asSystemOnlyIn}, {@link #asSystemOnlyAnnotatedWith} or
   *     {@link #AS_SYSTEM_ONLY_WHERE_CONFIGURED}
   * @param tenantContextRule {@link #tenantContextsCreatedOnlyIn},
   *     {@link #tenantContextsCreatedOnlyAnnotatedWith} or
   *     {@link #TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED}
   * @return every rule as one, reporting the violations of all of them together
   * @throws IllegalArgumentException when the two rules are given the other way round
   */
  public static CompositeArchRule all(ArchRule asSystemRule, ArchRule tenantContextRule) {
    Objects.requireNonNull(asSystemRule, "asSystemRule: pass TenantryRules.asSystemOnlyIn(...) or "
        + "asSystemOnlyAnnotatedWith(...), or call all() to allow no cross-tenant access");
    Objects.requireNonNull(tenantContextRule, "tenantContextRule: pass TenantryRules.tenantContextsCreatedOnlyIn(...) "
        + "or tenantContextsCreatedOnlyAnnotatedWith(...), or TENANT_CONTEXTS_CREATED_ONLY_WHERE_CONFIGURED");
    if (TENANT_CONTEXT_RULES.contains(asSystemRule) || AS_SYSTEM_RULES.contains(tenantContextRule)) {
      // swapped, the asSystem rule would be missing from the build without a word
      throw new IllegalArgumentException("all(asSystemRule, tenantContextRule) got them the other way round: "
          + "all(asSystemOnlyIn(...), tenantContextsCreatedOnlyIn(...))");
    }
    // A short name: the composite's report would otherwise open with every rule's text joined by
    // "and"; each violation line names its own fix.
    return CompositeArchRule.of(REPOSITORIES_MANAGE_SCOPED_ENTITIES)
        .and(ENTITIES_ARE_SCOPED)
        .and(NATIVE_SQL_ONLY_WHERE_DECLARED)
        .and(asSystemRule)
        .and(tenantContextRule)
        .and(WEB_LAYER_NEVER_READS_TENANT_IDS_FROM_CLIENT)
        .and(NO_FILTER_OR_TENANT_SWITCHING)
        .as("Tenantry's tenant isolation rules (scoped repositories and entities, declared native SQL, "
            + "Tenancy.asSystem and new tenant contexts only where allowed, no tenant ids from clients, "
            + "no filter or tenant switching)");
  }

  private static ArchRule asSystemRule(String places, Predicate<JavaCodeUnit> allowed, String fix) {
    return remember(AS_SYSTEM_RULES, rule(
        new PlacesCondition(PlacesCondition.Power.AS_SYSTEM, places, allowed, fix),
        "Tenancy.asSystem should be called only " + places,
        "Tenancy.asSystem lifts tenant scoping for everything the task does, so every place that may "
            + "cross tenants is listed in the build configuration; work for one tenant runs in "
            + "Tenancy.run(context, ...) instead"));
  }

  private static ArchRule tenantContextRule(String places, Predicate<JavaCodeUnit> allowed, String fix) {
    return remember(TENANT_CONTEXT_RULES, rule(
        new PlacesCondition(PlacesCondition.Power.CREATE_TENANT_CONTEXT, places, allowed, fix),
        "TenantContext should be created only " + places,
        "a TenantContext decides whose rows the code reads and writes; built from request input (a header, "
            + "a path variable, a body) it lets the client name another company, or widen a one-store "
            + "user to every store, and no later check can tell. Tenantry builds it from the "
            + "authenticated principal; every other place that creates one is listed in the build configuration"));
  }

  private static ArchRule remember(Set<ArchRule> kind, ArchRule rule) {
    kind.add(rule);
    return rule;
  }

  private static String[] requirePackages(String factory, String power, String... packageIdentifiers) {
    Objects.requireNonNull(packageIdentifiers, "packageIdentifiers");
    if (packageIdentifiers.length == 0 || Arrays.stream(packageIdentifiers).anyMatch(p -> p == null || p.isBlank())) {
      throw new IllegalArgumentException(factory + " needs the packages allowed to " + power + ", e.g. "
          + factory + "(\"com.acme.platform..\"); got " + Arrays.toString(packageIdentifiers));
    }
    return packageIdentifiers;
  }

  /** Built once per rule: a package predicate compiles its patterns. */
  private static Predicate<JavaCodeUnit> inPackages(String... packageIdentifiers) {
    DescribedPredicate<JavaClass> inPackages = JavaClass.Predicates.resideInAnyPackage(packageIdentifiers.clone());
    return codeUnit -> inPackages.test(codeUnit.getOwner());
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
