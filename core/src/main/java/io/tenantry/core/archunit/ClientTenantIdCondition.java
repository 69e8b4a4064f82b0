package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
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
import java.util.LinkedHashSet;
import java.util.Locale;
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
  private static final String[] NAMED_VALUES = {WEB + "RequestHeader", WEB + "RequestParam", WEB + "CookieValue"};
  private static final String[] BOUND_OBJECTS = {WEB + "RequestBody", WEB + "ModelAttribute"};
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
  private static final Set<String> TENANT_FIELD_NAMES = Set.of("tenantid", "companyid", "storeid", "registerid");

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
    for (JavaMethod method : javaClass.getMethods()) {
      if (isHttpClient(method)) {
        continue;
      }
      for (JavaParameter parameter : method.getParameters()) {
        checkNamedValue(method, parameter, events);
        checkBoundObject(method, parameter, events);
      }
    }
  }

  private static boolean isHttpClient(CanBeAnnotated element) {
    return element.isAnnotatedWith(HTTP_CLIENT_ANNOTATION);
  }

  private static void checkNamedValue(JavaMethod method, JavaParameter parameter, ConditionEvents events) {
    for (String annotationType : NAMED_VALUES) {
      Optional<JavaAnnotation<JavaParameter>> annotation = parameter.tryGetAnnotationOfType(annotationType);
      if (annotation.isEmpty()) {
        continue;
      }
      Optional<String> name = boundName(annotation.get(), parameter);
      if (name.isPresent() && TENANT_VALUE_NAMES.contains(normalize(name.get()))) {
        events.add(violated(method, located(method.getDescription() + " reads \"" + name.get() + "\" with @"
            + simpleName(annotationType), method) + ": " + FIX));
      }
    }
  }

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
