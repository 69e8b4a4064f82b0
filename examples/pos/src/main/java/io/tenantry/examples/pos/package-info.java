/**
 * Tenantry's reference point-of-sale server: the whole Company → Store → Register model on the
 * library's public API. Start at {@link io.tenantry.examples.pos.PosApplication}; each feature is
 * one package:
 *
 * <ul>
 *   <li>{@code account} — signup, login (JWT), {@code /api/me}, users and their store grants;</li>
 *   <li>{@code store} — stores, registers (with their API keys), hierarchical settings;</li>
 *   <li>{@code product} — the company catalog and per-store price overrides;</li>
 *   <li>{@code employee}, {@code timeclock} — employees assigned to stores, clock in and out;</li>
 *   <li>{@code customer} — customers known at every store (cross-store loyalty);</li>
 *   <li>{@code sale} — sales recorded by registers, idempotent per {@code clientSaleId};</li>
 *   <li>{@code report} — consolidated and per-store sales;</li>
 *   <li>{@code sync} — what a register pulls: its store's catalog since a cursor;</li>
 *   <li>{@code web} — security (JWT, register keys through the starter), errors, input checks;</li>
 *   <li>{@code database} — embedded PostgreSQL, the owner/app/system logins, migrations;</li>
 *   <li>{@code demo} — the demo companies loaded on first start.</li>
 * </ul>
 *
 * <p>Cross-tenant work ({@code Tenancy.runAsSystem}/{@code supplyAsSystem}) is allowed only in code annotated
 * {@link io.tenantry.examples.pos.PlatformAccess}, which says why; the architecture test enforces it.
 */
package io.tenantry.examples.pos;
