package io.tenantry.core.model;

import io.tenantry.core.model.internal.BoundCompanyGeneration;
import io.tenantry.core.model.internal.OwnershipBinder;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.hibernate.annotations.AttributeBinderType;
import org.hibernate.annotations.ValueGenerationType;

/**
 * Declares an entity company-owned without a base class: put it on the entity's {@code UUID} field
 * mapped to the column {@code company_id}. The entity then gets exactly what {@link CompanyOwned}
 * gives: reads scoped to the bound company, the company stamped on insert and never changed, the
 * write guards, the row-level-security policy, the audit and the ArchUnit rules. Add {@link StoreId}
 * (and {@link RegisterId}) for store- (register-) owned rows.
 *
 * <pre>{@code
 * @Entity
 * @Table(name = "sale")
 * public class Sale extends MyAuditedEntity {       // the application's own base class
 *   @CompanyId @Column(name = "company_id") private UUID companyId;
 *   @StoreId @Column(name = "store_id") private UUID storeId;
 *   ...
 * }
 * }</pre>
 *
 * <p>The field may live in a {@code @MappedSuperclass} of the application's. The column name is
 * fixed ({@code company_id}), because the policies, the audit and the composite foreign keys name it;
 * the field name is the application's. Mapping errors (another type than {@code UUID}, another
 * column, two such fields, a base class as well) stop the SessionFactory with the fix.
 */
@Documented
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@ValueGenerationType(generatedBy = BoundCompanyGeneration.class)
@AttributeBinderType(binder = OwnershipBinder.class)
public @interface CompanyId {}
