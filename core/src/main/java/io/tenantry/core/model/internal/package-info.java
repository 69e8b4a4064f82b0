/**
 * Internals of the model: the company stamp ({@code BoundCompany}) and the values of the tenant
 * conditions ({@code ScopeValues}) that {@code tenantry-hibernate} binds. Not API.
 */
package io.tenantry.core.model.internal;
