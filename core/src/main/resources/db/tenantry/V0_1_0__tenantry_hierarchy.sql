-- Tenantry: the Company -> Store -> Register hierarchy.
-- Include it in your Flyway migrations (spring.flyway.locations=classpath:db/migration,classpath:db/tenantry).
-- Rules enforced here, so that a bug in application code cannot break them:
--  * no store without a company, no register without a store (foreign keys, cascading deletes);
--  * every foreign key between tenant tables includes company_id, against unique (company_id, id),
--    so a row can never point into another company;
--  * unique constraints on tenant tables include company_id;
--  * every tenant table has an index leading with company_id.

create table tenantry_company (
  id          uuid primary key,
  name        varchar(200) not null check (length(btrim(name)) > 0),
  created_at  timestamp(6) with time zone not null default now()
);

create table tenantry_store (
  id          uuid primary key,
  company_id  uuid not null references tenantry_company (id) on delete cascade,
  name        varchar(200) not null check (length(btrim(name)) > 0),
  timezone    varchar(64) not null,
  address     varchar(500),
  constraint tenantry_store_company_id_key unique (company_id, id),
  constraint tenantry_store_name_key unique (company_id, name)
);

create table tenantry_register (
  id          uuid primary key,
  company_id  uuid not null,
  store_id    uuid not null,
  name        varchar(200) not null check (length(btrim(name)) > 0),
  constraint tenantry_register_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint tenantry_register_company_id_key unique (company_id, id),
  constraint tenantry_register_store_id_key unique (company_id, store_id, id),
  constraint tenantry_register_name_key unique (company_id, store_id, name)
);

-- Global login identity: one person may belong to several companies. Not a tenant table.
create table tenantry_user_account (
  id            uuid primary key,
  email         varchar(320) not null unique,
  password_hash varchar(200)
);

create table tenantry_membership (
  id          uuid primary key,
  company_id  uuid not null references tenantry_company (id) on delete cascade,
  user_id     uuid not null references tenantry_user_account (id) on delete cascade,
  role        varchar(20) not null check (role in ('OWNER', 'MANAGER', 'CASHIER')),
  all_stores  boolean not null default false,
  constraint tenantry_membership_company_id_key unique (company_id, id),
  constraint tenantry_membership_user_key unique (company_id, user_id)
);
create index tenantry_membership_user_idx on tenantry_membership (user_id);

create table tenantry_membership_store (
  id             uuid primary key,
  company_id     uuid not null,
  membership_id  uuid not null,
  store_id       uuid not null,
  constraint tenantry_membership_store_membership_fk foreign key (company_id, membership_id)
    references tenantry_membership (company_id, id) on delete cascade,
  constraint tenantry_membership_store_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint tenantry_membership_store_company_id_key unique (company_id, id),
  constraint tenantry_membership_store_key unique (company_id, membership_id, store_id)
);

-- Hierarchical settings: company value, overridden per store, overridden per register.
create table tenantry_setting (
  id             uuid primary key,
  company_id     uuid not null references tenantry_company (id) on delete cascade,
  store_id       uuid,
  register_id    uuid,
  setting_key    varchar(100) not null,
  setting_value  varchar(4000) not null,
  constraint tenantry_setting_store_fk foreign key (company_id, store_id)
    references tenantry_store (company_id, id) on delete cascade,
  constraint tenantry_setting_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id) on delete cascade,
  constraint tenantry_setting_register_needs_store check (register_id is null or store_id is not null),
  constraint tenantry_setting_company_id_key unique (company_id, id),
  constraint tenantry_setting_key unique nulls not distinct (company_id, store_id, register_id, setting_key)
);
