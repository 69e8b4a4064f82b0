create table sale (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  total numeric(12, 2) not null,
  constraint sale_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id),
  constraint sale_company_id_key unique (company_id, id)
);
create index sale_store_idx on sale (company_id, store_id);
