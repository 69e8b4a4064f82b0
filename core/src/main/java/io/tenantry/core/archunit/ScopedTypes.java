package io.tenantry.core.archunit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.CompanyId;
import io.tenantry.core.model.CompanyOwned;
import io.tenantry.core.model.SharedAcrossTenants;
import java.util.Set;

/** Which types the ORM scopes to a tenant. */
final class ScopedTypes {

  static final String[] ENTITY_ANNOTATIONS = {"jakarta.persistence.Entity", "javax.persistence.Entity"};

  /**
   * Library entities that are scoped without a tenant base class: {@link Company} is the tenant
   * root, filtered to the bound company by its own filter.
   */
  static final Set<String> SCOPED_LIBRARY_ROOTS = Set.of(Company.class.getName());

  static final DescribedPredicate<JavaClass> ENTITIES = DescribedPredicate.describe(
      "are @Entity classes", ScopedTypes::isEntity);

  /** How to make a type scoped, for violation messages. */
  static final String HOW_TO_SCOPE = "make it extend CompanyOwned, StoreOwned or RegisterOwned, "
      + "or annotate its company_id field @CompanyId (with @StoreId, @RegisterId for store or register rows), "
      + "or mark it @SharedAcrossTenants(\"why every tenant may see it\") if it is global on purpose";

  private ScopedTypes() {}

  static boolean isEntity(JavaClass type) {
    for (String annotation : ENTITY_ANNOTATIONS) {
      if (type.isAnnotatedWith(annotation)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Extends a tenant base class, is {@code @SharedAcrossTenants} with a reason, or is the tenant
   * root. A blank reason does not count: the annotation is an exception a reviewer reads.
   */
  static boolean isScoped(JavaClass type) {
    return isTenantOwned(type)
        || isSharedWithReason(type)
        || SCOPED_LIBRARY_ROOTS.contains(type.getName());
  }

  /** Whether {@code type} carries {@code @SharedAcrossTenants} with a blank reason. */
  static boolean isSharedWithoutReason(JavaClass type) {
    return Exemptions.reason(type, SharedAcrossTenants.class.getName()).filter(String::isBlank).isPresent();
  }

  private static boolean isSharedWithReason(JavaClass type) {
    return Exemptions.reason(type, SharedAcrossTenants.class.getName()).filter(r -> !r.isBlank()).isPresent();
  }

  /**
   * Has tenant columns: extends {@code CompanyOwned} (so also {@code StoreOwned}, {@code RegisterOwned}),
   * or declares them with {@link CompanyId} on a field of its own or of a superclass (what
   * {@code io.tenantry.core.model.internal.Ownership} decides for loaded classes, read from the bytecode
   * here). A {@code @StoreId} or {@code @RegisterId} without {@code @CompanyId} does not count.
   */
  static boolean isTenantOwned(JavaClass type) {
    return type.isAssignableTo(CompanyOwned.class.getName())
        || type.getAllFields().stream().anyMatch(f -> f.isAnnotatedWith(CompanyId.class));
  }
}
