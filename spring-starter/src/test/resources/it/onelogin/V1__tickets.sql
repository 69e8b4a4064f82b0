create table ol_ticket (
  id          uuid primary key,
  company_id  uuid not null,
  store_id    uuid not null,
  note        varchar(200) not null,
  constraint ol_ticket_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint ol_ticket_company_id_key unique (company_id, id)
);
create index ol_ticket_store_idx on ol_ticket (company_id, store_id);
