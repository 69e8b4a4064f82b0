-- The delta sync (GET /api/sync/catalog?since=N) asks for the company's products with change_seq > N.
-- Without this index PostgreSQL reads the company's whole catalog for it (pos_product_sku_key leads with
-- company_id only), so a sync of 100 changes cost as much as the catalog is large. The store's changed prices
-- have pos_store_price_sync_idx (company_id, store_id, change_seq) since V1_1.
create index pos_product_sync_idx on pos_product (company_id, change_seq);
