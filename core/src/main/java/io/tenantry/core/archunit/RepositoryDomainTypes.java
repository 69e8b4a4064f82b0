package io.tenantry.core.archunit;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.JavaTypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the domain type of a Spring Data repository: the first type argument of
 * {@code Repository<T, ID>}, followed through intermediate interfaces
 * ({@code OrderRepository extends BaseRepository<Order>}, {@code BaseRepository<T> extends
 * JpaRepository<T, UUID>}), or {@code @RepositoryDefinition(domainClass = ...)}.
 */
final class RepositoryDomainTypes {

  static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";
  static final String REPOSITORY_DEFINITION = "org.springframework.data.repository.RepositoryDefinition";
  static final String NO_REPOSITORY_BEAN = "org.springframework.data.repository.NoRepositoryBean";
  static final String REPOSITORY_STEREOTYPE = "org.springframework.stereotype.Repository";

  static final DescribedPredicate<JavaClass> SPRING_DATA_REPOSITORIES = DescribedPredicate.describe(
      "are Spring Data repositories", RepositoryDomainTypes::isSpringDataRepository);

  static final DescribedPredicate<JavaClass> REPOSITORIES = DescribedPredicate.describe(
      "are Spring Data repositories or @Repository classes",
      type -> !type.isAnnotatedWith(NO_REPOSITORY_BEAN)
          && (isSpringDataRepository(type) || type.isMetaAnnotatedWith(REPOSITORY_STEREOTYPE)));

  private RepositoryDomainTypes() {}

  static boolean isSpringDataRepository(JavaClass type) {
    return type.isAssignableTo(SPRING_DATA_REPOSITORY) || type.isAnnotatedWith(REPOSITORY_DEFINITION);
  }

  /**
   * The domain type as declared, possibly a type variable of {@code repository} itself (a generic
   * base repository); empty when the declaration does not say (a raw {@code extends JpaRepository}).
   */
  static Optional<JavaType> domainType(JavaClass repository) {
    Optional<JavaAnnotation<JavaClass>> definition = repository.tryGetAnnotationOfType(REPOSITORY_DEFINITION);
    if (definition.isPresent()) {
      Object domainClass = definition.get().get("domainClass").orElse(null);
      if (domainClass instanceof JavaClass) {
        return Optional.of((JavaClass) domainClass);
      }
    }
    return search(repository, Map.of(), new HashSet<>());
  }

  private static Optional<JavaType> search(JavaClass type, Map<String, JavaType> bindings, Set<String> visited) {
    if (!visited.add(type.getName())) {
      return Optional.empty();
    }
    List<JavaType> supertypes = new ArrayList<>(type.getInterfaces());
    type.getSuperclass().ifPresent(supertypes::add);
    for (JavaType supertype : supertypes) {
      JavaClass raw = supertype.toErasure();
      List<JavaType> arguments = arguments(supertype, bindings);
      if (raw.getName().equals(SPRING_DATA_REPOSITORY)) {
        return arguments.isEmpty() ? Optional.empty() : Optional.of(arguments.get(0));
      }
      if (!raw.isAssignableTo(SPRING_DATA_REPOSITORY)) {
        continue;
      }
      Map<String, JavaType> next = new HashMap<>();
      List<JavaTypeVariable<JavaClass>> parameters = raw.getTypeParameters();
      if (parameters.size() == arguments.size()) {
        for (int i = 0; i < parameters.size(); i++) {
          next.put(parameters.get(i).getName(), arguments.get(i));
        }
      }
      Optional<JavaType> found = search(raw, next, visited);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The type arguments of {@code supertype}, with the current class's type variables replaced. */
  private static List<JavaType> arguments(JavaType supertype, Map<String, JavaType> bindings) {
    if (!(supertype instanceof JavaParameterizedType)) {
      return List.of();
    }
    List<JavaType> arguments = new ArrayList<>();
    for (JavaType argument : ((JavaParameterizedType) supertype).getActualTypeArguments()) {
      if (argument instanceof JavaTypeVariable && bindings.containsKey(argument.getName())) {
        arguments.add(bindings.get(argument.getName()));
      } else {
        arguments.add(argument);
      }
    }
    return arguments;
  }

  /** Whether {@code type} is a type variable declared by {@code repository}: a generic base. */
  static boolean isOwnTypeVariable(JavaType type, JavaClass repository) {
    return type instanceof JavaTypeVariable
        && ((JavaTypeVariable<?>) type).getGenericDeclaration() instanceof JavaClass
        && ((JavaClass) ((JavaTypeVariable<?>) type).getGenericDeclaration()).getName().equals(repository.getName());
  }
}
