/**
 * Stores, their registers and the hierarchical settings. A register gets its API key from the
 * starter's {@code RegisterKeys} (shown once, stored hashed); settings (tax rate, receipt footer)
 * are resolved register → store → company by {@code TenantSettings}.
 */
package io.tenantry.examples.pos.store;
