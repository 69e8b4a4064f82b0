/**
 * The POS as a register sees it over HTTP ({@link io.tenantry.examples.register.server.PosClient}): its store,
 * catalog changes, tax rate, and {@code POST /api/sales} with a {@code clientSaleId}. Failures are three
 * kinds, each with its own exception: unreachable after the
 * {@link io.tenantry.examples.register.server.RetryPolicy} (try again later), refused (the key or the answer is
 * wrong; retrying cannot help) and one sale rejected for its content.
 */
package io.tenantry.examples.register.server;
