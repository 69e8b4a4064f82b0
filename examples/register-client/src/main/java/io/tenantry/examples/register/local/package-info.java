/**
 * The register's local state in one SQLite file: {@link io.tenantry.examples.register.local.LocalDatabase}
 * (opening, refusing foreign or damaged files, transactions),
 * {@link io.tenantry.examples.register.local.Identity} (server, key, store, register),
 * {@link io.tenantry.examples.register.local.LocalCatalog} (the store's effective prices and the sync cursor) and
 * {@link io.tenantry.examples.register.local.SaleJournal} (every sale, pending until the server answered).
 *
 * <p>Why SQLite rather than an H2 file: its commit is atomic and durable across {@code kill -9} and power
 * loss by design (WAL), its file format is stable across versions, a file can carry an
 * {@code application_id} that marks it as ours, {@code quick_check} detects damage, and the
 * {@code sqlite3} shell can inspect a register's file in the field. Money is kept in whole cents.
 */
package io.tenantry.examples.register.local;
