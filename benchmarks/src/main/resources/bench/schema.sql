-- The point-of-sale tables of the benchmark, shaped like the library's hierarchy
-- (db/tenantry/V0_1_0__tenantry_hierarchy.sql, created first): every row carries company_id
-- (and store_id, register_id), keys are (company_id, id), foreign keys include company_id.
-- Created without keys; constraints.sql adds them after the bulk load (much faster than
-- checking 9 million rows one by one).

create table pos_product (
  id          uuid not null,
  company_id  uuid not null,
  sku         varchar(64) not null,
  name        varchar(200) not null,
  base_price  numeric(12,2) not null
);

create table pos_price_override (
  id          uuid not null,
  company_id  uuid not null,
  store_id    uuid not null,
  product_id  uuid not null,
  price       numeric(12,2) not null
);

create table pos_sale (
  id           uuid not null,
  company_id   uuid not null,
  store_id     uuid not null,
  register_id  uuid not null,
  sold_at      timestamp(6) with time zone not null,
  total        numeric(12,2) not null
);

create table pos_sale_line (
  id           uuid not null,
  company_id   uuid not null,
  store_id     uuid not null,
  register_id  uuid not null,
  sale_id      uuid not null,
  product_id   uuid not null,
  quantity     integer not null,
  unit_price   numeric(12,2) not null,
  line_total   numeric(12,2) not null
);
