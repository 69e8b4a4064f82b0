/**
 * Tenantry for Hibernate ORM 7: the first wall.
 *
 * <p>Put {@code tenantry-hibernate} on the class path and set one property,
 * {@code hibernate.tenant_identifier_resolver=io.tenantry.hibernate.TenantryTenantIdentifierResolver}
 * (or start from {@link io.tenantry.hibernate.TenantryHibernate#settings()}). A service-loaded
 * integrator then
 * <ul>
 *   <li>scopes every read of a {@code CompanyOwned}/{@code StoreOwned}/{@code RegisterOwned} entity
 *       (find, references, lazy loads, collections, joins, HQL/JPQL, Criteria, bulk mutations,
 *       caches) to the bound tenant: Tenantry's persisters add {@code company_id = ?} and the store
 *       and register conditions to the SQL Hibernate generates, with values bound from the binding
 *       at each execution, so Hibernate's query plan and loader caches keep working;</li>
 *   <li>stamps and checks every write, refuses tenant-column changes, writes to other tenants and
 *       tenant switches inside an open session;</li>
 *   <li>fails closed with {@code NoTenantBoundException} when nothing is bound.</li>
 * </ul>
 * {@link io.tenantry.hibernate.TenantSettings} resolves hierarchical settings in one query.
 * {@code internal} holds the integrator, persisters and listeners; it is not API.
 */
package io.tenantry.hibernate;
