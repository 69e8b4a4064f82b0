/**
 * Sales reports: one query over the sales the caller sees. Tenantry's scoping does the narrowing:
 * an owner sees every store (consolidated), a manager its granted stores, {@code X-Store-Id} one.
 */
package io.tenantry.examples.pos.report;
