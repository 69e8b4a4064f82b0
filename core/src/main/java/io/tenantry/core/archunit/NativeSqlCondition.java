package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.isAssignableToAny;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.HasAnnotations;
import com.tngtech.archunit.core.domain.properties.HasSourceCodeLocation;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import io.tenantry.core.UnscopedAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL that Tenantry's Hibernate scoping never sees: native queries, Spring JDBC, raw JDBC. Allowed
 * only in code that carries {@link UnscopedAccess} with a reason.
 */
final class NativeSqlCondition extends ArchCondition<JavaClass> {

  private static final String ANNOTATION = UnscopedAccess.class.getName();

  private static final String FIX = "native SQL is not scoped by Tenantry's Hibernate scoping (only row-level security "
      + "still applies); use JPQL, Criteria or a Spring Data query on a scoped entity instead, or "
      + "annotate the method or class with @UnscopedAccess(\"why\") so that reviewers see it";

  private static final String[] ENTITY_MANAGER = {"jakarta.persistence.EntityManager", "javax.persistence.EntityManager"};
  private static final Set<String> ENTITY_MANAGER_METHODS = Set.of(
      "createNativeQuery", "createStoredProcedureQuery", "createNamedStoredProcedureQuery");

  private static final String[] HIBERNATE_SESSION = {
      "org.hibernate.query.QueryProducer", "org.hibernate.SharedSessionContract",
      "org.hibernate.Session", "org.hibernate.StatelessSession"};
  private static final Set<String> HIBERNATE_SESSION_METHODS = Set.of(
      "createNativeQuery", "createNativeMutationQuery", "getNamedNativeQuery",
      "doWork", "doReturningWork",
      "createStoredProcedureCall", "createStoredProcedureQuery", "getNamedProcedureCall");

  /**
   * Spring JDBC's SQL executors: any use of them or of a subclass (a field, a parameter, a call) is
   * native SQL.
   */
  private static final Set<String> SPRING_JDBC = Set.of(
      "org.springframework.jdbc.core.JdbcTemplate",
      "org.springframework.jdbc.core.JdbcOperations",
      "org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate",
      "org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations",
      "org.springframework.jdbc.core.simple.JdbcClient",
      "org.springframework.jdbc.core.simple.SimpleJdbcInsert",
      "org.springframework.jdbc.core.simple.SimpleJdbcInsertOperations",
      "org.springframework.jdbc.core.simple.SimpleJdbcCall",
      "org.springframework.jdbc.core.simple.SimpleJdbcCallOperations",
      "org.springframework.jdbc.core.support.JdbcDaoSupport",
      "org.springframework.jdbc.core.namedparam.NamedParameterJdbcDaoSupport",
      "org.springframework.jdbc.datasource.DataSourceUtils");
  private static final String SPRING_JDBC_OBJECT_PACKAGE = "org.springframework.jdbc.object";

  /** Repository methods whose query is SQL. */
  private static final String SPRING_DATA_JPA_QUERY = "org.springframework.data.jpa.repository.Query";
  private static final String[] NATIVE_QUERY_METHOD_ANNOTATIONS = {
      "org.springframework.data.jpa.repository.NativeQuery",
      "org.springframework.data.jpa.repository.query.Procedure",
      "org.springframework.data.jdbc.repository.query.Query",
      "org.springframework.data.r2dbc.repository.Query"};

  /** Native queries declared on a class (usually an entity) and run by name elsewhere. */
  private static final String[] NATIVE_QUERY_CLASS_ANNOTATIONS = {
      "jakarta.persistence.NamedNativeQuery", "jakarta.persistence.NamedNativeQueries",
      "jakarta.persistence.NamedStoredProcedureQuery", "jakarta.persistence.NamedStoredProcedureQueries",
      "org.hibernate.annotations.NamedNativeQuery", "org.hibernate.annotations.NamedNativeQueries"};

  private final Exemptions exemptions = Exemptions.annotatedWithReason(ANNOTATION);

  NativeSqlCondition() {
    super("run native SQL only in code annotated @UnscopedAccess(\"reason\")");
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    checkBlankReasons(javaClass, events);
    checkAccesses(javaClass, events);
    checkDeclarations(javaClass, events);
    checkAnnotations(javaClass, events);
  }

  private static void checkBlankReasons(JavaClass javaClass, ConditionEvents events) {
    reportBlankReason(javaClass, events);
    for (JavaMethod method : javaClass.getMethods()) {
      reportBlankReason(method, events);
    }
  }

  private static <T extends HasAnnotations<?> & HasSourceCodeLocation> void reportBlankReason(
      T element, ConditionEvents events) {
    Optional<String> reason = Exemptions.reason(element, ANNOTATION);
    if (reason.isPresent() && reason.get().isBlank()) {
      events.add(violated(element, located(element.getDescription() + " is annotated @UnscopedAccess without a reason",
          element) + ": say why this code must bypass tenant scoping, e.g. "
          + "@UnscopedAccess(\"stock report needs a window function; RLS scopes it\")"));
    }
  }

  /** One violation per source line: a fluent {@code jdbcClient.sql(..).query(..).list()} is one use. */
  private void checkAccesses(JavaClass javaClass, ConditionEvents events) {
    Map<String, JavaAccess<?>> byLine = new TreeMap<>();
    boolean springJdbcSubclass = isSpringJdbc(javaClass);
    // a class calls the same few types many times: walk each one's hierarchy once
    Map<JavaClass, Boolean> springJdbcOwners = new HashMap<>();
    for (JavaAccess<?> access : javaClass.getAccessesFromSelf()) {
      if (springJdbcSubclass && javaClass.isAssignableTo(access.getTargetOwner().getName())) {
        continue; // a subclass's calls to itself and its super constructor: reported once, at the class
      }
      if (isNativeSql(access, springJdbcOwners) && !exemptions.covers(access.getOrigin())) {
        byLine.merge(access.getOrigin().getFullName() + ":" + access.getLineNumber(), access,
            (a, b) -> preferred(a).compareTo(preferred(b)) <= 0 ? a : b);
      }
    }
    for (JavaAccess<?> access : byLine.values()) {
      events.add(violated(access, access.getDescription() + ": " + FIX));
    }
  }

  /** Sorts the entry point of a fluent chain ({@code JdbcClient.sql}) before its nested steps. */
  private static String preferred(JavaAccess<?> access) {
    return (access.getTargetOwner().getName().contains("$") ? "1" : "0") + access.getDescription();
  }

  private static boolean isNativeSql(JavaAccess<?> access, Map<JavaClass, Boolean> springJdbcOwners) {
    JavaClass owner = access.getTargetOwner();
    String name = access.getName();
    if (springJdbcOwners.computeIfAbsent(owner, NativeSqlCondition::isSpringJdbc)) {
      return true;
    }
    // the method name first: it is cheap, and rules out nearly every access
    return ENTITY_MANAGER_METHODS.contains(name) && isAssignableToAny(owner, ENTITY_MANAGER)
        || HIBERNATE_SESSION_METHODS.contains(name) && isAssignableToAny(owner, HIBERNATE_SESSION)
        || name.equals("getConnection") && (isAssignableToAny(owner, "javax.sql.DataSource")
            || owner.getName().equals("java.sql.DriverManager"))
        || (name.equals("createStatement") || name.equals("prepareStatement") || name.equals("prepareCall"))
            && isAssignableToAny(owner, "java.sql.Connection")
        || (name.startsWith("execute") || name.equals("addBatch")) && isAssignableToAny(owner, "java.sql.Statement");
  }

  /**
   * A Spring JDBC type, or a subclass of one (an application's or a library's auditing
   * {@code JdbcTemplate}, a {@code MappingSqlQuery} subclass): matched by the names of its
   * supertypes, so spring-jdbc need not be on the class path of the check.
   */
  private static boolean isSpringJdbc(JavaClass type) {
    return springJdbcSupertype(type).isPresent();
  }

  /** The type itself or its first supertype that is one of Spring JDBC's SQL executors. */
  private static Optional<JavaClass> springJdbcSupertype(JavaClass type) {
    JavaClass base = type.getBaseComponentType();
    if (isSpringJdbcByName(base)) {
      return Optional.of(base);
    }
    if (base.getName().startsWith("java.") || base.isPrimitive()) {
      return Optional.empty(); // most accesses: skip walking the JDK's hierarchies
    }
    for (JavaClass superclass : base.getAllRawSuperclasses()) {
      if (isSpringJdbcByName(superclass)) {
        return Optional.of(superclass);
      }
    }
    for (JavaClass implemented : base.getAllRawInterfaces()) {
      if (isSpringJdbcByName(implemented)) {
        return Optional.of(implemented);
      }
    }
    return Optional.empty();
  }

  private static boolean isSpringJdbcByName(JavaClass type) {
    return Library.isOrIsNestedIn(type, SPRING_JDBC) || type.getPackageName().equals(SPRING_JDBC_OBJECT_PACKAGE);
  }

  /** Fields, parameters, return types and supertypes of a Spring JDBC type. */
  private void checkDeclarations(JavaClass javaClass, ConditionEvents events) {
    if (exemptions.covers(javaClass)) {
      return;
    }
    Optional<JavaClass> supertype = springJdbcSupertype(javaClass).filter(type -> !type.equals(javaClass));
    if (supertype.isPresent()) {
      // once, at the nearest Spring JDBC type: a JdbcTemplate subclass is also a JdbcOperations
      events.add(violated(javaClass, located("Class <" + javaClass.getName() + "> extends <"
          + supertype.get().getName() + ">", javaClass) + ": " + FIX));
    }
    for (JavaField field : javaClass.getFields()) {
      reportDeclaration(field, "has type", events);
    }
    for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
      if (!exemptions.covers(codeUnit)) {
        reportDeclaration(codeUnit, "declares", events);
      }
    }
  }

  private static void reportDeclaration(JavaMember member, String verb, ConditionEvents events) {
    for (JavaClass type : member.getAllInvolvedRawTypes()) {
      if (isSpringJdbc(type)) {
        events.add(violated(member, located(member.getDescription() + " " + verb + " <"
            + type.getName() + ">", member) + ": " + FIX));
        return;
      }
    }
  }

  private void checkAnnotations(JavaClass javaClass, ConditionEvents events) {
    for (JavaMethod method : javaClass.getMethods()) {
      if (declaresNativeQuery(method) && !exemptions.covers(method)) {
        events.add(violated(method, located(method.getDescription() + " declares a native SQL query", method)
            + ": " + FIX));
      }
    }
    for (String annotation : NATIVE_QUERY_CLASS_ANNOTATIONS) {
      if (javaClass.isAnnotatedWith(annotation) && !exemptions.covers(javaClass)) {
        events.add(violated(javaClass, located("Class <" + javaClass.getName() + "> declares a native query with @"
            + annotation.substring(annotation.lastIndexOf('.') + 1), javaClass) + ": " + FIX));
      }
    }
  }

  private static boolean declaresNativeQuery(JavaMethod method) {
    Optional<JavaAnnotation<JavaMethod>> query = method.tryGetAnnotationOfType(SPRING_DATA_JPA_QUERY);
    if (query.isPresent() && Boolean.TRUE.equals(query.get().get("nativeQuery").orElse(false))) {
      return true;
    }
    for (String annotation : NATIVE_QUERY_METHOD_ANNOTATIONS) {
      if (method.isAnnotatedWith(annotation)) {
        return true;
      }
    }
    return false;
  }
}
