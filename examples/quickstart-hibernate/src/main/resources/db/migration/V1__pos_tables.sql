create table product (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id),
  name varchar(200) not null,
  base_price numeric(12, 2) not null,
  constraint product_company_id_key unique (company_id, id)
);
create table price_override (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  product_id uuid not null,
  price numeric(12, 2),
  constraint price_override_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id),
  constraint price_override_product_fk foreign key (company_id, product_id) references product (company_id, id),
  constraint price_override_company_id_key unique (company_id, id)
);
create index price_override_store_idx on price_override (company_id, store_id);
