/**
 * What a register pulls when it syncs: its store's catalog with effective prices, all of it or only
 * what changed after a cursor. The register's key names the store; nothing in the request does.
 */
package io.tenantry.examples.pos.sync;
