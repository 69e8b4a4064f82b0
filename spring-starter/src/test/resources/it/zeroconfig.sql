-- The zero-configuration application's one table, and a sale in stores A1 and B1.
create table zc_sale (
  id          uuid primary key,
  company_id  uuid not null,
  store_id    uuid not null,
  total       numeric(12, 2) not null,
  constraint zc_sale_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint zc_sale_company_id_key unique (company_id, id)
);
create index zc_sale_store_idx on zc_sale (company_id, store_id);
insert into zc_sale (id, company_id, store_id, total) values
  ('50000000-0000-7000-8000-0000000000a1', '10000000-0000-7000-8000-00000000000a', '20000000-0000-7000-8000-0000000000a1', 10.00),
  ('50000000-0000-7000-8000-0000000000b1', '10000000-0000-7000-8000-00000000000b', '20000000-0000-7000-8000-0000000000b1', 20.00);
