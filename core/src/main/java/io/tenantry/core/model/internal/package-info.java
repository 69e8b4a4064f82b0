/**
 * Internals of the model: the company stamp ({@code BoundCompany}), the values of the tenant
 * conditions ({@code ScopeValues}) that {@code tenantry-hibernate} binds, and what is tenant-owned
 * ({@code Ownership}, with {@code OwnershipBinder} for the annotations). Not API.
 */
package io.tenantry.core.model.internal;
