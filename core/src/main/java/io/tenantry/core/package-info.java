/**
 * Tenantry's core: who the current work is for, and how that follows the work across threads.
 *
 * <p>A guided tour:
 * <ul>
 *   <li>{@link io.tenantry.core.TenantContext} — company, optional store and register, granted
 *       stores, principal. Immutable and validated.</li>
 *   <li>{@link io.tenantry.core.Tenancy} — binds a context for the extent of a call
 *       ({@code run}/{@code call}/{@code supply}), reads it fail-closed ({@code current}) or
 *       optionally ({@code find}), and runs deliberate cross-tenant work ({@code runAsSystem}, {@code supplyAsSystem}).</li>
 *   <li>{@link io.tenantry.core.TenantPropagation} — wrappers for tasks, executors and
 *       {@code CompletableFuture} so that work on other threads keeps its tenant and pooled
 *       threads never keep one.</li>
 *   <li>{@link io.tenantry.core.NoTenantBoundException} and
 *       {@link io.tenantry.core.TenantIsolationException} — the two ways Tenantry refuses work.</li>
 * </ul>
 *
 * <p>{@code io.tenantry.core.internal} holds the thread binding itself; it is not API. This module
 * depends only on SLF4J.
 */
package io.tenantry.core;
