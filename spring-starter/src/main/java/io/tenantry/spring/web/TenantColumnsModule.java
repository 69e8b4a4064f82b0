package io.tenantry.spring.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.tenantry.core.model.internal.Ownership;
import java.lang.reflect.Field;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes the tenant columns of every tenant-owned entity write-protected in JSON: the
 * {@code companyId}, {@code storeId} and {@code registerId} of the base classes, and the fields an
 * entity marks {@code @CompanyId}, {@code @StoreId} or {@code @RegisterId} (by their field names).
 * They are still written to responses, but a request body that names them is ignored for those
 * properties (mass assignment). Without it, Jackson would fill the fields behind the public getters,
 * and the write would then be refused by the Hibernate guards; with it, binding an entity from a body
 * simply keeps the bound tenant. Registered as a Jackson module bean, which Spring Boot adds to its
 * {@code JsonMapper}.
 */
public final class TenantColumnsModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** Creates the module. */
  public TenantColumnsModule() {
    super("tenantry-tenant-columns");
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.insertAnnotationIntrospector(new TenantColumnsReadOnly());
  }

  /** Adds the tenant attributes to the ignored-on-input properties of every tenant-owned class. */
  private static final class TenantColumnsReadOnly extends NopAnnotationIntrospector {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(MapperConfig<?> config, Annotated annotated) {
      if (!(annotated instanceof AnnotatedClass type)) {
        return JsonIgnoreProperties.Value.empty();
      }
      Set<String> names = tenantAttributes(type.getRawType());
      return names.isEmpty() ? JsonIgnoreProperties.Value.empty()
          : JsonIgnoreProperties.Value.forIgnoredProperties(names).withAllowGetters();
    }

    private static Set<String> tenantAttributes(Class<?> type) {
      try {
        Ownership owner = Ownership.of(type);
        return owner == null ? Set.of() : Set.copyOf(owner.attributes());
      } catch (IllegalStateException misdeclared) {
        // not an entity Hibernate accepted (it would refuse to start); still keep its marked fields read-only
        return Ownership.annotatedFields(type).stream().map(Field::getName).collect(Collectors.toUnmodifiableSet());
      }
    }
  }
}
