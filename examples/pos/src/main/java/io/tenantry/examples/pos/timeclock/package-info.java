/**
 * The time clock: an employee clocks in and out at a store, from a register (its key names the
 * store) or from the web page with a store selected. Only employees assigned to that store may
 * (403 otherwise, the seeds' "a cashier at one location can't clock in at another").
 */
package io.tenantry.examples.pos.timeclock;
