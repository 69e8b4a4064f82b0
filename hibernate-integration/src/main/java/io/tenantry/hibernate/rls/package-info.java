/**
 * PostgreSQL row-level security, the second wall under the Hibernate scoping.
 *
 * <ul>
 *   <li>{@link io.tenantry.hibernate.rls.TenantryRls#dataSource} — connections that carry the bound
 *       tenant into every transaction as transaction-local settings ({@link io.tenantry.hibernate.rls.RlsSettings});</li>
 *   <li>{@link io.tenantry.hibernate.rls.TenantryRls#policySql} and {@link io.tenantry.hibernate.rls.PolicySql}
 *       — the policy DDL for a Flyway migration;</li>
 *   <li>{@link io.tenantry.hibernate.rls.TenantryPolicies} — the same DDL at build time from the entity
 *       classes alone (no database, no running application), as a command and as a test assertion
 *       that the committed migration is current;</li>
 *   <li>{@link io.tenantry.hibernate.rls.IsolationAudit} — finds the holes of a live schema, as a test
 *       assertion ({@code run().assertClean()}), from the command line
 *       ({@link io.tenantry.hibernate.rls.IsolationAuditCli}) and at start-up
 *       ({@code tenantry.audit.on-startup}).</li>
 * </ul>
 * The connection and statement wrappers are package-private.
 */
package io.tenantry.hibernate.rls;
