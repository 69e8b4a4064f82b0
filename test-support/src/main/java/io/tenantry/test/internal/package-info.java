/**
 * Not API: chooses, starts and stops the one PostgreSQL server per JVM behind
 * {@link io.tenantry.test.TenantryPostgres}. {@link io.tenantry.test.internal.SharedServer} picks the first usable
 * source in the order environment, Testcontainers, embedded, through
 * {@link io.tenantry.test.internal.ServerChooser}, whose probes are injectable so the selection, including the
 * message when nothing is available, can be tested on any machine. Public types here are public only so that
 * {@code io.tenantry.test} can use them; they may change in any release.
 */
package io.tenantry.test.internal;
