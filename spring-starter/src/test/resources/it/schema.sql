-- The test application's own table: one entity extending StoreOwned.
create table demo_product (
  id          uuid primary key,
  company_id  uuid not null,
  store_id    uuid not null,
  name        varchar(200) not null,
  price       numeric(12, 2) not null,
  constraint demo_product_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint demo_product_company_id_key unique (company_id, id)
);
create index demo_product_store_idx on demo_product (company_id, store_id);
