/**
 * Employees of the company and the stores each is assigned to ({@code Assignment}, store-owned: a
 * store sees only its own assignments). The time clock asks {@link io.tenantry.examples.pos.employee.Employees}
 * whether an employee may clock in at the caller's store.
 */
package io.tenantry.examples.pos.employee;
