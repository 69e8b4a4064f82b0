/**
 * The offline-first register client: a command-line register ({@link io.tenantry.examples.register.RegisterCli},
 * picocli) that keeps its store's catalog and its sales in its own SQLite database and talks to the
 * reference POS over HTTP only.
 *
 * <p>A tour: {@code InitCommand} binds a new database to one server and register key;
 * {@code SyncCommand} pulls the store's catalog changes since the cursor in one local transaction;
 * {@code SellCommand} journals a sale with a client-generated {@code clientSaleId}, server or not;
 * {@code PushCommand} sends pending sales (retries with backoff; the server records each
 * {@code clientSaleId} once) and reports every total the server priced differently;
 * {@code StatusCommand} reads the local state. {@link io.tenantry.examples.register.ExitCodes} lists the
 * exit codes; {@code Checkpoints} names the points of a push and a sync that the kill tests halt at.
 *
 * <p>Machinery: {@link io.tenantry.examples.register.local} (the database, refused unless provably this
 * tool's) and {@link io.tenantry.examples.register.server} (the HTTP client). Only
 * {@code RegisterCli} and {@code ExitCodes} are public here; the commands are package-private.
 */
package io.tenantry.examples.register;
