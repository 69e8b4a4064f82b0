package io.tenantry.core.archunit;

import static com.tngtech.archunit.lang.SimpleConditionEvent.violated;
import static io.tenantry.core.archunit.Library.located;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The conditions of the two rules about what the ORM manages: entities and repositories. */
final class ScopingConditions {

  private ScopingConditions() {}

  /** An {@code @Entity} extends a tenant base class or is {@code @SharedAcrossTenants}. */
  static ArchCondition<JavaClass> beScopedEntities() {
    return new ArchCondition<>("extend a tenant base class, declare @CompanyId or be @SharedAcrossTenants") {
      @Override
      public void check(JavaClass entity, ConditionEvents events) {
        if (ScopedTypes.isSharedWithoutReason(entity)) {
          events.add(violated(entity, located("Class <" + entity.getName()
              + "> is @SharedAcrossTenants without a reason", entity)
              + ": say why every tenant may see its rows, e.g. @SharedAcrossTenants(\"ISO 4217 currencies "
              + "are the same for every company\"), or make it extend CompanyOwned, StoreOwned or RegisterOwned "
              + "(or annotate its company_id field @CompanyId)"));
        } else if (!ScopedTypes.isScoped(entity)) {
          events.add(violated(entity, located("Class <" + entity.getName()
              + "> is an @Entity that no tenant filter scopes", entity)
              + ": " + ScopedTypes.HOW_TO_SCOPE));
        }
      }
    };
  }

  /**
   * A Spring Data repository's domain type is scoped; a {@code @Repository} class refers only to
   * scoped entities.
   */
  static ArchCondition<JavaClass> manageScopedEntities() {
    return new ArchCondition<>("manage only entities that extend a tenant base class or are @SharedAcrossTenants") {
      @Override
      public void check(JavaClass repository, ConditionEvents events) {
        if (RepositoryDomainTypes.isSpringDataRepository(repository)) {
          checkSpringData(repository, events);
        } else {
          checkRepositoryClass(repository, events);
        }
      }
    };
  }

  private static void checkSpringData(JavaClass repository, ConditionEvents events) {
    Optional<JavaType> domainType = RepositoryDomainTypes.domainType(repository);
    if (domainType.isPresent() && RepositoryDomainTypes.isOwnTypeVariable(domainType.get(), repository)) {
      // A generic base repository: each concrete repository that binds the variable is checked.
      return;
    }
    if (domainType.isEmpty() || domainType.get() instanceof JavaTypeVariable) {
      events.add(violated(repository, located("Repository <" + repository.getName()
          + "> does not declare which entity it manages", repository)
          + ": declare it with type arguments, e.g. extends JpaRepository<Sale, UUID>, "
          + "so that the build can check the entity is scoped"));
      return;
    }
    JavaClass entity = domainType.get().toErasure();
    if (!ScopedTypes.isScoped(entity)) {
      events.add(violated(repository, located("Repository <" + repository.getName() + "> manages <"
          + entity.getName() + ">, which no tenant filter scopes", repository)
          + ": " + ScopedTypes.HOW_TO_SCOPE.replace("make it", "make " + entity.getSimpleName())));
    }
  }

  /**
   * Every {@code @Entity} the class refers to in its bytecode (field and parameter types, class
   * literals such as {@code em.find(Sale.class, id)}, calls, generic type arguments) must be
   * scoped. Entities named only inside JPQL strings are not seen; {@code ENTITIES_ARE_SCOPED}
   * covers them when the entity is in the checked classes.
   */
  private static void checkRepositoryClass(JavaClass repository, ConditionEvents events) {
    Map<String, Dependency> unscoped = new TreeMap<>();
    for (Dependency dependency : repository.getDirectDependenciesFromSelf()) {
      JavaClass target = dependency.getTargetClass().getBaseComponentType();
      if (ScopedTypes.isEntity(target) && !ScopedTypes.isScoped(target)) {
        // report each entity once, at its first use
        unscoped.merge(target.getName(), dependency, (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    for (Dependency dependency : unscoped.values()) {
      JavaClass entity = dependency.getTargetClass().getBaseComponentType();
      events.add(violated(repository, located("@Repository <" + repository.getName() + "> uses entity <"
          + entity.getName() + ">, which no tenant filter scopes", dependency)
          + ": " + ScopedTypes.HOW_TO_SCOPE.replace("make it", "make " + entity.getSimpleName())));
    }
  }
}
