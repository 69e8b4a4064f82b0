-- mapping kinds of issue 17's matrix (KindsMatrixTest); collection and secondary tables carry no tenant columns
create table t_k_label (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id) on delete cascade,
  code varchar(40) not null,
  title varchar(100) not null,
  constraint t_k_label_company_id_key unique (company_id, id),
  constraint t_k_label_code_key unique (company_id, code)
);
create table t_k_shelf (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  name varchar(100) not null,
  constraint t_k_shelf_company_id_key unique (company_id, id),
  constraint t_k_shelf_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
create table t_k_shelf_detail (
  shelf_id uuid primary key references t_k_shelf (id) on delete cascade,
  note varchar(100)
);
create table t_k_shelf_tag (
  shelf_id uuid not null references t_k_shelf (id) on delete cascade,
  tag varchar(40) not null,
  primary key (shelf_id, tag)
);
create table t_k_shelf_label (
  shelf_id uuid not null references t_k_shelf (id) on delete cascade,
  label_id uuid not null references t_k_label (id) on delete cascade,
  primary key (shelf_id, label_id)
);
create table t_k_device (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  kind varchar(31) not null,
  name varchar(100) not null,
  dpi integer,
  constraint t_k_device_company_id_key unique (company_id, id),
  constraint t_k_device_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
create table t_k_gift_voucher (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  amount numeric(12,2) not null,
  message varchar(100),
  constraint t_k_gift_voucher_company_id_key unique (company_id, id),
  constraint t_k_gift_voucher_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
create table t_k_shift (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  code varchar(40) not null,
  cashier varchar(100) not null,
  version integer not null,
  deleted boolean not null,
  constraint t_k_shift_company_id_key unique (company_id, id),
  constraint t_k_shift_code_key unique (company_id, code),
  constraint t_k_shift_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
