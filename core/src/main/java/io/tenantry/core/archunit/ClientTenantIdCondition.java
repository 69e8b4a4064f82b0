package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spring MVC/WebFlux handler parameters through which a client could choose the tenant: a header,
 * query parameter or cookie named like a tenant id, or a request body (or form object) with a
 * tenant-id field. {@code @PathVariable} is not checked: Tenantry verifies {@code /stores/{storeId}}
 * against the principal's grants.
 */
final class ClientTenantIdCondition extends ArchCondition<JavaClass> {

  private static final String WEB = "org.springframework.web.bind.annotation.";
  private static final String[] NAMED_VALUES = {
      WEB + "RequestHeader", WEB + "RequestParam", WEB + "CookieValue", WEB + "RequestPart", WEB + "MatrixVariable"};
  private static final String[] BOUND_OBJECTS = {WEB + "RequestBody", WEB + "ModelAttribute", WEB + "RequestPart"};
  /** Whole-bag parameters: a map of every header, parameter, matrix variable or body property. */
  private static final String[] BAG_ANNOTATIONS = {
      WEB + "RequestHeader", WEB + "RequestParam", WEB + "MatrixVariable", WEB + "RequestBody", WEB + "ModelAttribute"};
  private static final String[] BAG_TYPES = {"java.util.Map", "org.springframework.http.HttpHeaders"};
  private static final String REQUEST_MAPPING = WEB + "RequestMapping";
  private static final String CONTROLLER = "org.springframework.stereotype.Controller";
  /** Where the tenant base classes declare their tenant columns. */
  private static final String TENANT_MODEL_PACKAGE = "io.tenantry.core.model";

  /**
   * Methods that read the request's headers, parameters or cookies by a name the build cannot see:
   * by declaring type, the method names.
   */
  private static final Map<String, Set<String>> RAW_REQUEST_READS = Map.of(
      "jakarta.servlet.http.HttpServletRequest", Set.of("getHeader", "getHeaders", "getHeaderNames", "getIntHeader",
          "getDateHeader", "getCookies"),
      "jakarta.servlet.ServletRequest", Set.of("getParameter", "getParameterMap", "getParameterNames",
          "getParameterValues"),
      "org.springframework.web.context.request.WebRequest", Set.of("getHeader", "getHeaderValues", "getHeaderNames",
          "getParameter", "getParameterValues", "getParameterNames", "getParameterMap"),
      // not HttpRequest's getHeaders: an outgoing request (a RestClient interceptor) has it too
      "org.springframework.http.server.ServerHttpRequest", Set.of("getHeaders"),
      "org.springframework.http.server.reactive.ServerHttpRequest", Set.of("getHeaders", "getQueryParams", "getCookies"),
      "org.springframework.web.servlet.function.ServerRequest", Set.of("headers", "param", "params", "cookies"),
      "org.springframework.web.reactive.function.server.ServerRequest", Set.of("headers", "queryParam",
          "queryParams", "cookies"));
  /** Outgoing HTTP clients declare headers they send, not ones they read. */
  private static final String HTTP_CLIENT_PACKAGE = "org.springframework.web.service.annotation";
  private static final String FEIGN_CLIENT = "org.springframework.cloud.openfeign.FeignClient";
  private static final DescribedPredicate<JavaAnnotation<?>> HTTP_CLIENT_ANNOTATION = DescribedPredicate.describe(
      "an HTTP client annotation",
      annotation -> annotation.getRawType().getPackageName().equals(HTTP_CLIENT_PACKAGE)
          || annotation.getRawType().getName().equals(FEIGN_CLIENT));

  /** Header, parameter and cookie names after {@link #normalize}: X-Store-Id and store_id alike. */
  private static final Set<String> TENANT_VALUE_NAMES = Set.of(
      "tenant", "tenantid", "company", "companyid", "store", "storeid", "register", "registerid");
  /** Field names after {@link #normalize}. */
  private static final Set<String> TENANT_FIELD_NAMES = Set.of(
      "tenant", "tenantid", "company", "companyid", "storeid", "registerid");

  private static final String FIX = "the tenant comes from the authenticated principal, never from the client; "
      + "read it with Tenancy.current(). Tenantry itself resolves the X-Store-Id header within the "
      + "principal's grants, and /stores/{storeId} path variables are checked against them";

  ClientTenantIdCondition() {
    super("not read tenant ids from request headers, parameters, cookies or bodies");
  }

  @Override
  public void check(JavaClass javaClass, ConditionEvents events) {
    if (isHttpClient(javaClass)) {
      return;
    }
    // Spring MVC finds handlers only in @Controller beans; only there do inherited annotations count
    boolean controller = javaClass.isMetaAnnotatedWith(CONTROLLER);
    List<JavaClass> supertypes = controller ? annotationSources(javaClass) : List.of();
    for (JavaMethod method : javaClass.getMethods()) {
      if (isHttpClient(method)) {
        continue;
      }
      List<JavaMethod> declarations = declarations(supertypes, method);
      boolean handler = declarations.stream().anyMatch(m -> m.isMetaAnnotatedWith(REQUEST_MAPPING));
      for (JavaParameter parameter : method.getParameters()) {
        // Spring MVC merges the annotations of an interface's or superclass's declaration (API-first)
        for (JavaMethod declaration : declarations) {
          JavaParameter declared = declaration.getParameters().get(parameter.getIndex());
          checkNamedValue(method, parameter, declared, events);
          checkBoundObject(method, declared, events);
          checkBag(method, declared, handler, events);
          if (hasWebAnnotation(declared)) {
            break; // the nearest declaration that annotates the parameter is the one Spring uses
          }
        }
      }
    }
    if (controller) {
      checkRawRequestReads(javaClass, events);
    }
  }

  /** The supertypes whose method declarations may carry web annotations (not the JDK's, not clients). */
  private static List<JavaClass> annotationSources(JavaClass javaClass) {
    List<JavaClass> sources = new ArrayList<>();
    for (JavaClass supertype : javaClass.getAllClassesSelfIsAssignableTo()) {
      if (!supertype.equals(javaClass) && !supertype.getName().startsWith("java.") && !isHttpClient(supertype)) {
        sources.add(supertype);
      }
    }
    return sources;
  }

  private static boolean hasWebAnnotation(JavaParameter parameter) {
    return parameter.getAnnotations().stream().anyMatch(a -> a.getRawType().getName().startsWith(WEB));
  }

  /** The method, then the methods it overrides or implements in {@code supertypes}. */
  private static List<JavaMethod> declarations(List<JavaClass> supertypes, JavaMethod method) {
    List<JavaMethod> declarations = new ArrayList<>();
    declarations.add(method);
    if (supertypes.isEmpty() || method.getModifiers().contains(JavaModifier.STATIC)
        || method.getModifiers().contains(JavaModifier.PRIVATE)) {
      return declarations;
    }
    String[] parameterTypes = method.getRawParameterTypes().stream().map(JavaClass::getName).toArray(String[]::new);
    for (JavaClass supertype : supertypes) {
      supertype.tryGetMethod(method.getName(), parameterTypes)
          .filter(declared -> !isHttpClient(declared))
          .ifPresent(declarations::add);
    }
    return declarations;
  }

  private static boolean isHttpClient(CanBeAnnotated element) {
    return element.isAnnotatedWith(HTTP_CLIENT_ANNOTATION);
  }

  /**
   * @param parameter the method's own parameter (its compiled name is the one Spring binds)
   * @param declared the same parameter in the declaration that carries the annotations
   */
  private static void checkNamedValue(
      JavaMethod method, JavaParameter parameter, JavaParameter declared, ConditionEvents events) {
    for (String annotationType : NAMED_VALUES) {
      Optional<JavaAnnotation<JavaParameter>> annotation = declared.tryGetAnnotationOfType(annotationType);
      if (annotation.isEmpty()) {
        continue;
      }
      Optional<String> name = boundName(annotation.get(), parameter).or(() -> compiledName(declared));
      if (name.isPresent() && TENANT_VALUE_NAMES.contains(normalize(name.get()))) {
        events.add(violated(method, located(method.getDescription() + " reads \"" + name.get() + "\" with @"
            + simpleName(annotationType) + inherited(method, declared), method) + ": " + FIX));
      }
    }
  }

  /** " declared on <com.acme.api.SalesApi>" when the annotation comes from an overridden declaration. */
  private static String inherited(JavaMethod method, JavaParameter declared) {
    JavaClass owner = declared.getOwner().getOwner();
    return owner.equals(method.getOwner()) ? "" : " declared on <" + owner.getName() + ">";
  }

  /**
   * A map of every header, parameter or matrix variable ({@code @RequestHeader Map},
   * {@code @RequestParam MultiValueMap}), or {@code HttpHeaders} in a handler: the build cannot see
   * which of them the code reads.
   */
  private static void checkBag(JavaMethod method, JavaParameter declared, boolean handler, ConditionEvents events) {
    JavaClass type = declared.getRawType();
    if (!Library.isAssignableToAny(type, BAG_TYPES)) {
      return;
    }
    for (String annotationType : BAG_ANNOTATIONS) {
      if (declared.isAnnotatedWith(annotationType)) {
        reportBag(method, "every value of @" + simpleName(annotationType) + " as <" + type.getName() + ">"
            + inherited(method, declared), events);
        return;
      }
    }
    if (handler && type.getName().equals("org.springframework.http.HttpHeaders")) {
      reportBag(method, "every request header as <" + type.getName() + ">", events);
    }
  }

  private static void reportBag(JavaMethod method, String what, ConditionEvents events) {
    events.add(violated(method, located(method.getDescription() + " takes " + what, method)
        + ": the build cannot see which of them the code reads; declare each value by name, e.g. "
        + "@RequestHeader(\"Accept-Language\") String language, or bind a @ModelAttribute object, so that "
        + "the build can check none is a tenant id. " + FIX));
  }

  /** A controller reading headers, parameters or cookies from the request object by name. */
  private static void checkRawRequestReads(JavaClass controller, ConditionEvents events) {
    for (JavaCodeUnitAccess<?> access : controller.getCodeUnitAccessesFromSelf()) {
      JavaClass owner = access.getTargetOwner();
      for (Map.Entry<String, Set<String>> reads : RAW_REQUEST_READS.entrySet()) {
        if (reads.getValue().contains(access.getName()) && Library.isAssignableToAny(owner, reads.getKey())) {
          events.add(violated(access, access.getDescription() + ": a controller that reads the request's "
              + "headers, parameters or cookies itself hides their names from the build; declare the value "
              + "by name, e.g. @RequestHeader(\"Accept-Language\") String language. " + FIX));
          break;
        }
      }
    }
  }

  /** @param parameter the parameter in the declaration that carries the annotations */
  private static void checkBoundObject(JavaMethod method, JavaParameter parameter, ConditionEvents events) {
    for (String annotationType : BOUND_OBJECTS) {
      if (!parameter.isAnnotatedWith(annotationType)) {
        continue;
      }
      for (JavaClass type : inspectableTypes(parameter.getType())) {
        for (JavaField field : instanceFields(type)) {
          reportTenantField(method, annotationType, field, type.getSimpleName() + "." + field.getName(), events);
          // one level of nesting: a request record holding a record or a list of records
          for (JavaClass nested : inspectableTypes(field.getType())) {
            for (JavaField nestedField : instanceFields(nested)) {
              reportTenantField(method, annotationType, nestedField,
                  type.getSimpleName() + "." + field.getName() + "." + nestedField.getName(), events);
            }
          }
        }
      }
    }
  }

  private static void reportTenantField(
      JavaMethod method, String annotationType, JavaField field, String path, ConditionEvents events) {
    if (field.getOwner().getPackageName().equals(TENANT_MODEL_PACKAGE)
        || field.isAnnotatedWith(io.tenantry.core.model.CompanyId.class)
        || field.isAnnotatedWith(io.tenantry.core.model.StoreId.class)
        || field.isAnnotatedWith(io.tenantry.core.model.RegisterId.class)) {
      // the tenant columns of an entity bound from the request (inherited from a base class, or declared
      // with the annotations): the starter's TenantColumnsModule makes them read-only in JSON, the base
      // classes have no setters to bind a form to, and the Hibernate guards refuse a row of another
      // tenant and a changed tenant column
      return;
    }
    if (TENANT_FIELD_NAMES.contains(normalize(field.getName()))) {
      events.add(violated(method, located(method.getDescription() + " binds @" + simpleName(annotationType)
          + " with tenant-id field " + path + " that the client sets", method)
          + ": remove the field from the request type; " + FIX));
    }
  }

  /** The name Spring binds: the annotation's value or name, else the compiled parameter name. */
  private static Optional<String> boundName(JavaAnnotation<JavaParameter> annotation, JavaParameter parameter) {
    for (String attribute : new String[] {"value", "name"}) {
      Object value = annotation.get(attribute).orElse("");
      if (value instanceof String && !((String) value).isBlank()) {
        return Optional.of((String) value);
      }
    }
    return compiledName(parameter);
  }

  /**
   * ArchUnit does not import parameter names, so read them by reflection (the class is on the test
   * class path). Without {@code -parameters} there is no name, and Spring could not bind it either.
   */
  private static Optional<String> compiledName(JavaParameter parameter) {
    try {
      Parameter[] parameters = ((Executable) parameter.getOwner().reflect()).getParameters();
      if (parameter.getIndex() < parameters.length && parameters[parameter.getIndex()].isNamePresent()) {
        return Optional.of(parameters[parameter.getIndex()].getName());
      }
    } catch (RuntimeException | LinkageError notLoadable) {
      // not on the class path: the annotation's value is all we know
    }
    return Optional.empty();
  }

  /** The type and, for {@code List<Line>} or {@code Line[]}, its element type; not JDK types. */
  private static Set<JavaClass> inspectableTypes(JavaType type) {
    Set<JavaClass> types = new LinkedHashSet<>();
    types.add(type.toErasure().getBaseComponentType());
    if (type instanceof JavaParameterizedType) {
      for (JavaType argument : ((JavaParameterizedType) type).getActualTypeArguments()) {
        types.add(argument.toErasure().getBaseComponentType());
      }
    }
    types.removeIf(candidate -> candidate.isPrimitive() || candidate.getName().startsWith("java."));
    return types;
  }

  private static Set<JavaField> instanceFields(JavaClass type) {
    Set<JavaField> fields = new LinkedHashSet<>();
    for (JavaField field : type.getAllFields()) {
      if (!field.getModifiers().contains(JavaModifier.STATIC) && !field.getModifiers().contains(JavaModifier.SYNTHETIC)) {
        fields.add(field);
      }
    }
    return fields;
  }

  /** Lower case, letters and digits only, without an {@code X-} header prefix. */
  static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("x-")) {
      lower = lower.substring(2);
    }
    return lower.replaceAll("[^a-z0-9]", "");
  }

  private static String simpleName(String typeName) {
    return typeName.substring(typeName.lastIndexOf('.') + 1);
  }
}
