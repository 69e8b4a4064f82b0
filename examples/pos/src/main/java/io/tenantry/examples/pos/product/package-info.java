/**
 * The company catalog and store prices. A {@code Product} carries the base price, set at company
 * level; a {@code StorePrice} overrides it for one store. {@link io.tenantry.examples.pos.product.Catalog}
 * answers the effective price for the caller's store (the selected store, or the register's) and the
 * changes since a sync cursor; {@code CatalogClock} orders those changes per company.
 */
package io.tenantry.examples.pos.product;
