package io.tenantry.core.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity that deliberately belongs to no tenant (a global login identity, a currency
 * table). Tenantry does not scope it, and the ArchUnit rules accept it where they would otherwise
 * demand a tenant base class. Say why in {@link #value()}: it is read in code review.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SharedAcrossTenants {

  /** Why rows of this entity are visible to every tenant. */
  String value();
}
