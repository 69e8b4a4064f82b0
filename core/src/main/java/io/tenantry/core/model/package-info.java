/**
 * The Company → Store → Register model and the base classes of tenant-owned entities.
 *
 * <ul>
 *   <li>{@link io.tenantry.core.model.CompanyOwned}, {@link io.tenantry.core.model.StoreOwned},
 *       {@link io.tenantry.core.model.RegisterOwned}: extend one of them and the entity is scoped
 *       (with {@code tenantry-hibernate}); {@link io.tenantry.core.model.SharedAcrossTenants} marks
 *       the deliberate exceptions.</li>
 *   <li>{@link io.tenantry.core.model.CompanyId}, {@link io.tenantry.core.model.StoreId},
 *       {@link io.tenantry.core.model.RegisterId}: the same, declared on the entity's own fields, for
 *       entities that extend a base class of the application's.</li>
 *   <li>{@link io.tenantry.core.model.Company}, {@link io.tenantry.core.model.Store},
 *       {@link io.tenantry.core.model.Register}: the hierarchy itself.</li>
 *   <li>{@link io.tenantry.core.model.UserAccount} (global login) and
 *       {@link io.tenantry.core.model.Membership} (role and granted stores in one company).</li>
 *   <li>{@link io.tenantry.core.model.TenantSetting}: hierarchical settings.</li>
 * </ul>
 *
 * <p>The schema ships as Flyway migrations in {@code classpath:db/tenantry} ({@code V0_1_0__tenantry_hierarchy.sql},
 * then one file per change, such as {@code V0_2_0__tenantry_company_status.sql} for a company's deactivation and
 * {@code V0_2_1__tenantry_company_keys.sql} for the {@code (company_id, id)} keys); give Flyway that location and
 * run them all, in version order (tests: {@code TenantryMigrations} of tenantry-test-support).
 * Mappings use Jakarta Persistence plus a few Hibernate annotations (a marker {@code @Filter}, the
 * company stamp), which are inert without Hibernate. {@code internal} holds the company stamp and
 * the values of the tenant conditions, and {@code Ownership}, which decides for every part of Tenantry
 * whether a class is tenant-owned and where its tenant is held.
 */
package io.tenantry.core.model;
