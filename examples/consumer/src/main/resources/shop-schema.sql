create table shop_sale (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  total numeric(12,2) not null,
  constraint shop_sale_company_id_key unique (company_id, id),
  constraint shop_sale_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
