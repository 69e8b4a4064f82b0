package io.tenantry.core.model.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.ValueGenerationType;

/**
 * Fills the company column of a new row from the tenant binding when the row does not name one,
 * including rows inserted by HQL {@code insert} statements. Internal to the owned-entity base classes.
 */
@ValueGenerationType(generatedBy = BoundCompanyGeneration.class)
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface BoundCompany {}
