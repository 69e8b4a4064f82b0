/**
 * Sales, recorded by registers ({@code X-Register-Key}) and priced on the server from the store's
 * effective prices and tax rate. A sale is register-owned: a register sees its own sales, a manager
 * those of its stores, an owner all. {@code clientSaleId} makes recording idempotent (THREATS 27):
 * a register that retries after a timeout gets the sale it already made.
 */
package io.tenantry.examples.pos.sale;
