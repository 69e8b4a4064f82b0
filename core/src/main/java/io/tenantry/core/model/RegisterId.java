package io.tenantry.core.model;

import io.tenantry.core.model.internal.OwnershipBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Declares an entity register-owned without a base class, as {@link RegisterOwned} does: put it on
 * the {@code UUID} field mapped to the column {@code register_id}, beside {@link CompanyId} and
 * {@link StoreId} fields. A bound register sees only its own rows; the register is stamped from the
 * bound register on insert and never changes.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@AttributeBinderType(binder = OwnershipBinder.class)
public @interface RegisterId {}
