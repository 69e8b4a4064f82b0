-- The POS tables. Same rules as the library's hierarchy schema:
--  * every table has company_id, an index leading with it, and unique (company_id, id);
--  * every foreign key between tenant tables includes company_id (and store_id / register_id where the
--    row belongs to one), so a row can never point into another company or another store;
--  * every unique constraint includes company_id (a duplicate SKU in another company is not refused).

-- Per-company counter behind the sync cursor: catalog writers lock the company's row, so changes commit
-- in counter order and "everything after cursor N" is exact.
create table pos_catalog_clock (
  id          uuid primary key,
  company_id  uuid not null references tenantry_company (id) on delete cascade,
  value       bigint not null default 0,
  constraint pos_catalog_clock_company_id_key unique (company_id, id),
  constraint pos_catalog_clock_company_key unique (company_id)
);

create table pos_product (
  id          uuid primary key,
  company_id  uuid not null references tenantry_company (id) on delete cascade,
  sku         varchar(64) not null,
  name        varchar(200) not null,
  base_price  numeric(12, 2) not null check (base_price >= 0),
  change_seq  bigint not null,
  constraint pos_product_company_id_key unique (company_id, id),
  constraint pos_product_sku_key unique (company_id, sku)
);

-- A store's price for a product; price null = override removed (kept so that sync sees the change).
create table pos_store_price (
  id          uuid primary key,
  company_id  uuid not null,
  store_id    uuid not null,
  product_id  uuid not null,
  price       numeric(12, 2) check (price >= 0),
  change_seq  bigint not null,
  constraint pos_store_price_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint pos_store_price_product_fk foreign key (company_id, product_id)
    references pos_product (company_id, id) on delete cascade,
  constraint pos_store_price_company_id_key unique (company_id, id),
  constraint pos_store_price_key unique (company_id, store_id, product_id)
);
create index pos_store_price_sync_idx on pos_store_price (company_id, store_id, change_seq);

create table pos_employee (
  id          uuid primary key,
  company_id  uuid not null references tenantry_company (id) on delete cascade,
  name        varchar(200) not null,
  constraint pos_employee_company_id_key unique (company_id, id)
);

create table pos_employee_store (
  id           uuid primary key,
  company_id   uuid not null,
  store_id     uuid not null,
  employee_id  uuid not null,
  constraint pos_employee_store_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint pos_employee_store_employee_fk foreign key (company_id, employee_id)
    references pos_employee (company_id, id) on delete cascade,
  constraint pos_employee_store_company_id_key unique (company_id, id),
  constraint pos_employee_store_key unique (company_id, store_id, employee_id)
);

create table pos_time_entry (
  id              uuid primary key,
  company_id      uuid not null,
  store_id        uuid not null,
  employee_id     uuid not null,
  clocked_in_at   timestamp(6) with time zone not null,
  clocked_out_at  timestamp(6) with time zone,
  constraint pos_time_entry_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint pos_time_entry_employee_fk foreign key (company_id, employee_id)
    references pos_employee (company_id, id) on delete cascade,
  constraint pos_time_entry_company_id_key unique (company_id, id),
  constraint pos_time_entry_out_after_in check (clocked_out_at is null or clocked_out_at >= clocked_in_at)
);
-- one open shift per employee, whichever store
create unique index pos_time_entry_open_key on pos_time_entry (company_id, employee_id) where clocked_out_at is null;

create table pos_customer (
  id              uuid primary key,
  company_id      uuid not null references tenantry_company (id) on delete cascade,
  name            varchar(200) not null,
  phone           varchar(40),
  loyalty_points  bigint not null default 0 check (loyalty_points >= 0),
  constraint pos_customer_company_id_key unique (company_id, id)
);

create table pos_sale (
  id              uuid primary key,
  company_id      uuid not null,
  store_id        uuid not null,
  register_id     uuid not null,
  client_sale_id  varchar(64) not null,
  customer_id     uuid,
  subtotal        numeric(14, 2) not null,
  tax             numeric(14, 2) not null,
  total           numeric(14, 2) not null,
  business_date   date not null,
  created_at      timestamp(6) with time zone not null,
  constraint pos_sale_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id) on delete cascade,
  constraint pos_sale_customer_fk foreign key (company_id, customer_id)
    references pos_customer (company_id, id),
  constraint pos_sale_company_id_key unique (company_id, id),
  -- THREATS 27: a register retrying a sale gets the same sale, never a second one
  constraint pos_sale_client_key unique (company_id, register_id, client_sale_id)
);
create index pos_sale_report_idx on pos_sale (company_id, business_date, store_id);

create table pos_sale_line (
  id           uuid primary key,
  company_id   uuid not null,
  store_id     uuid not null,
  register_id  uuid not null,
  sale_id      uuid not null,
  line_no      integer not null,
  product_id   uuid not null,
  quantity     integer not null check (quantity between 1 and 10000),
  unit_price   numeric(12, 2) not null,
  line_total   numeric(14, 2) not null,
  constraint pos_sale_line_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id) on delete cascade,
  constraint pos_sale_line_sale_fk foreign key (company_id, sale_id)
    references pos_sale (company_id, id) on delete cascade,
  constraint pos_sale_line_product_fk foreign key (company_id, product_id)
    references pos_product (company_id, id),
  constraint pos_sale_line_company_id_key unique (company_id, id),
  constraint pos_sale_line_key unique (company_id, sale_id, line_no)
);
