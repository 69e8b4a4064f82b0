/**
 * Customers belong to the company, not to a store: a customer earns loyalty points at every store
 * of the company (cross-store loyalty, as in the seeds).
 */
package io.tenantry.examples.pos.customer;
