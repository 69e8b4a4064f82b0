package io.tenantry.core.model.internal;

import io.tenantry.core.model.CompanyId;
import io.tenantry.core.model.CompanyOwned;
import io.tenantry.core.model.RegisterId;
import io.tenantry.core.model.RegisterOwned;
import io.tenantry.core.model.StoreId;
import io.tenantry.core.model.StoreOwned;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one answer to "is this class tenant-owned, at which level, and which attributes hold its
 * tenant": from the base classes ({@link CompanyOwned}, {@link StoreOwned}, {@link RegisterOwned})
 * or from the annotations ({@link CompanyId}, {@link StoreId}, {@link RegisterId}) on fields of the
 * class or its superclasses. Every part of Tenantry that asks the question asks it here. Internal.
 *
 * @param level how far down the hierarchy the rows are owned
 * @param companyAttribute the attribute (field) holding {@code company_id}
 * @param storeAttribute the attribute holding {@code store_id}, {@code null} below the store level
 * @param registerAttribute the attribute holding {@code register_id}, {@code null} below the register level
 * @param annotated whether the ownership is declared by annotations rather than a base class
 */
public record Ownership(Level level, String companyAttribute, String storeAttribute, String registerAttribute,
    boolean annotated) {

  /** The owning level. */
  public enum Level { COMPANY, STORE, REGISTER }

  /** The columns every tenant-owned table uses: the policies, the audit and the foreign keys name them. */
  public static final String COMPANY_COLUMN = "company_id";
  /** The store column. */
  public static final String STORE_COLUMN = "store_id";
  /** The register column. */
  public static final String REGISTER_COLUMN = "register_id";

  private static final Ownership COMPANY = new Ownership(Level.COMPANY, "companyId", null, null, false);
  private static final Ownership STORE = new Ownership(Level.STORE, "companyId", "storeId", null, false);
  private static final Ownership REGISTER = new Ownership(Level.REGISTER, "companyId", "storeId", "registerId", false);

  private static final ClassValue<Object> CACHE = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      try {
        return Optional.ofNullable(compute(type));
      } catch (IllegalStateException e) {
        return e;
      }
    }
  };

  /**
   * The ownership of {@code type} (an entity class, a proxy or enhanced subclass of one), or
   * {@code null} when it is not tenant-owned.
   *
   * @throws IllegalStateException when the annotations are misused; the message names the fix
   */
  @SuppressWarnings("unchecked")
  public static Ownership of(Class<?> type) {
    if (type == null) {
      return null;
    }
    Object cached = CACHE.get(type);
    if (cached instanceof IllegalStateException e) {
      throw new IllegalStateException(e.getMessage());
    }
    return ((Optional<Ownership>) cached).orElse(null);
  }

  /** Whether {@code type} is tenant-owned (by a base class or by annotations). */
  public static boolean isOwned(Class<?> type) {
    return of(type) != null;
  }

  /** Whether {@code entity} is an instance of a tenant-owned class. */
  public static boolean isOwnedInstance(Object entity) {
    return entity != null && of(entity.getClass()) != null;
  }

  /** Whether the rows are owned by a store (store or register level). */
  public boolean storeLevel() {
    return level != Level.COMPANY;
  }

  /** Whether the rows are owned by a register. */
  public boolean registerLevel() {
    return level == Level.REGISTER;
  }

  /** The tenant attributes, company first: the ones whose values never change. */
  public List<String> attributes() {
    List<String> names = new ArrayList<>(3);
    names.add(companyAttribute);
    if (storeAttribute != null) {
      names.add(storeAttribute);
    }
    if (registerAttribute != null) {
      names.add(registerAttribute);
    }
    return List.copyOf(names);
  }

  /** The fields of {@code type} and its superclasses that carry one of the three annotations, unchecked. */
  public static List<Field> annotatedFields(Class<?> type) {
    List<Field> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(CompanyId.class) || f.isAnnotationPresent(StoreId.class)
            || f.isAnnotationPresent(RegisterId.class)) {
          found.add(f);
        }
      }
    }
    return found;
  }

  private static Ownership compute(Class<?> type) {
    List<Field> companies = fields(type, CompanyId.class);
    List<Field> stores = fields(type, StoreId.class);
    List<Field> registers = fields(type, RegisterId.class);
    boolean annotated = !companies.isEmpty() || !stores.isEmpty() || !registers.isEmpty();
    if (CompanyOwned.class.isAssignableFrom(type)) {
      if (annotated) {
        throw misuse(type, "extends " + base(type).getSimpleName() + ", which already holds the tenant columns, "
            + "and also declares " + describe(companies, stores, registers) + ": remove the annotations, or "
            + "replace the base class by the annotations (the base classes and the annotations are two ways to say "
            + "the same thing, not to be combined)");
      }
      return RegisterOwned.class.isAssignableFrom(type) ? REGISTER
          : StoreOwned.class.isAssignableFrom(type) ? STORE : COMPANY;
    }
    if (!annotated) {
      return null;
    }
    Field company = single(type, companies, CompanyId.class);
    Field store = single(type, stores, StoreId.class);
    Field register = single(type, registers, RegisterId.class);
    if (company == null) {
      throw misuse(type, "declares " + describe(companies, stores, registers) + " but no @CompanyId: every "
          + "tenant-owned row belongs to a company; add a @CompanyId UUID field mapped to column company_id");
    }
    if (register != null && store == null) {
      throw misuse(type, "declares @RegisterId on " + register.getName() + " but no @StoreId: a register "
          + "belongs to a store; add a @StoreId UUID field mapped to column store_id");
    }
    return new Ownership(register != null ? Level.REGISTER : store != null ? Level.STORE : Level.COMPANY,
        company.getName(), store == null ? null : store.getName(), register == null ? null : register.getName(), true);
  }

  private static Class<?> base(Class<?> type) {
    return RegisterOwned.class.isAssignableFrom(type) ? RegisterOwned.class
        : StoreOwned.class.isAssignableFrom(type) ? StoreOwned.class : CompanyOwned.class;
  }

  private static List<Field> fields(Class<?> type, Class<? extends Annotation> annotation) {
    return annotatedFields(type).stream().filter(f -> f.isAnnotationPresent(annotation)).toList();
  }

  private static Field single(Class<?> type, List<Field> fields, Class<? extends Annotation> annotation) {
    String name = "@" + annotation.getSimpleName();
    if (fields.size() > 1) {
      throw misuse(type, "declares " + name + " on " + fields.size() + " fields (" + String.join(", ",
          fields.stream().map(f -> f.getDeclaringClass().getSimpleName() + "." + f.getName()).toList())
          + "): a row has one owner; keep " + name + " on one field");
    }
    if (fields.isEmpty()) {
      return null;
    }
    Field f = fields.get(0);
    if (Modifier.isStatic(f.getModifiers())) {
      throw misuse(type, "declares " + name + " on the static field " + f.getName() + ": put it on the "
          + "instance field that maps the column");
    }
    if (f.getType() != UUID.class) {
      throw misuse(type, "declares " + name + " on " + f.getDeclaringClass().getSimpleName() + "." + f.getName()
          + " of type " + f.getType().getName() + ": tenant ids are UUIDs; declare the field as java.util.UUID");
    }
    return f;
  }

  private static String describe(List<Field> companies, List<Field> stores, List<Field> registers) {
    List<String> parts = new ArrayList<>();
    companies.forEach(f -> parts.add("@CompanyId on " + f.getName()));
    stores.forEach(f -> parts.add("@StoreId on " + f.getName()));
    registers.forEach(f -> parts.add("@RegisterId on " + f.getName()));
    return String.join(", ", parts);
  }

  private static IllegalStateException misuse(Class<?> type, String what) {
    return new IllegalStateException("Tenantry: " + type.getName() + " " + what + ".");
  }
}
