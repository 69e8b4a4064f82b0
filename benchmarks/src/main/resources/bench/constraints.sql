-- Keys, indexes and foreign keys, added after the load. Tenant queries use indexes that lead with
-- company_id; the primary keys on id, and the sale_id index below, serve Hibernate's loads and joins
-- by id alone.
alter table pos_product
  add constraint pos_product_pkey primary key (id),
  add constraint pos_product_company_id_key unique (company_id, id),
  add constraint pos_product_sku_key unique (company_id, sku);
alter table pos_price_override
  add constraint pos_price_override_pkey primary key (id),
  add constraint pos_price_override_company_id_key unique (company_id, id),
  add constraint pos_price_override_key unique (company_id, store_id, product_id);
alter table pos_sale
  add constraint pos_sale_pkey primary key (id),
  add constraint pos_sale_company_id_key unique (company_id, id);
create index pos_sale_sold_at_idx on pos_sale (company_id, sold_at);
alter table pos_sale_line
  add constraint pos_sale_line_pkey primary key (id),
  add constraint pos_sale_line_company_id_key unique (company_id, id);
create index pos_sale_line_sale_idx on pos_sale_line (company_id, sale_id);
-- Hibernate joins sale -> lines on sale_id alone (the mapping knows no company_id in the join), so
-- without this index `join fetch s.lines` can only walk the whole (company_id, sale_id) index.
create index pos_sale_line_sale_id_idx on pos_sale_line (sale_id);
--
alter table pos_product
  add constraint pos_product_company_fk foreign key (company_id) references tenantry_company (id) on delete cascade;
alter table pos_price_override
  add constraint pos_price_override_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  add constraint pos_price_override_product_fk foreign key (company_id, product_id)
    references pos_product (company_id, id) on delete cascade;
alter table pos_sale
  add constraint pos_sale_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id);
alter table pos_sale_line
  add constraint pos_sale_line_sale_fk foreign key (company_id, sale_id)
    references pos_sale (company_id, id) on delete cascade,
  add constraint pos_sale_line_product_fk foreign key (company_id, product_id)
    references pos_product (company_id, id),
  add constraint pos_sale_line_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id);
