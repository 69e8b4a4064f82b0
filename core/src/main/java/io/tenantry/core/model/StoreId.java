package io.tenantry.core.model;

import io.tenantry.core.model.internal.OwnershipBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;

/**
 * Declares an entity store-owned without a base class, as {@link StoreOwned} does: put it on the
 * {@code UUID} field mapped to the column {@code store_id}, beside a {@link CompanyId} field. Reads
 * see the selected store (or every granted store); the store is stamped from the bound store on
 * insert, or taken from the field when the application sets it to one of the granted stores first,
 * and never changes afterwards.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@AttributeBinderType(binder = OwnershipBinder.class)
public @interface StoreId {}
