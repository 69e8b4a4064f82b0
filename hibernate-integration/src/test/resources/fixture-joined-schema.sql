create table t_payment (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  amount numeric(12,2) not null,
  constraint t_payment_company_id_key unique (company_id, id),
  constraint t_payment_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
-- joined subclass table: keyed by the root's id; its policy shows a row only when the root row is visible
create table t_card_payment (
  id uuid primary key references t_payment (id) on delete cascade,
  last4 varchar(4) not null
);
