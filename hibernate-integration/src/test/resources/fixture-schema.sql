create table t_product (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id) on delete cascade,
  sku varchar(64) not null,
  name varchar(200) not null,
  base_price numeric(12,2) not null,
  constraint t_product_company_id_key unique (company_id, id),
  constraint t_product_sku_key unique (company_id, sku)
);
create table t_price_override (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  product_id uuid not null,
  price numeric(12,2) not null,
  constraint t_price_override_company_id_key unique (company_id, id),
  constraint t_price_override_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id) on delete cascade,
  constraint t_price_override_product_fk foreign key (company_id, product_id) references t_product (company_id, id) on delete cascade,
  constraint t_price_override_key unique (company_id, store_id, product_id)
);
create table t_promotion (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id) on delete cascade,
  label varchar(100) not null,
  featured_id uuid,
  constraint t_promotion_company_id_key unique (company_id, id),
  constraint t_promotion_featured_fk foreign key (company_id, featured_id) references t_price_override (company_id, id)
);
create table t_sale (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  register_id uuid not null,
  product_id uuid not null,
  total numeric(12,2) not null,
  constraint t_sale_company_id_key unique (company_id, id),
  constraint t_sale_register_fk foreign key (company_id, store_id, register_id) references tenantry_register (company_id, store_id, id),
  constraint t_sale_product_fk foreign key (company_id, product_id) references t_product (company_id, id)
);
