-- Child tables as an application (or Hibernate's schema tool) creates them: no tenant columns,
-- foreign keys and primary keys on the owner's id alone. The generated policy DDL fixes them.
create table t_article (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id),
  title varchar(200) not null,
  constraint t_article_company_id_key unique (company_id, id)
);
create table t_article_cost (
  article_id uuid primary key references t_article (id),
  supplier_cost numeric(12,2)
);
create table t_article_tag (
  article_id uuid not null references t_article (id),
  tag varchar(100) not null,
  primary key (article_id, tag)
);
create table t_label (
  id uuid primary key,
  company_id uuid not null references tenantry_company (id),
  name varchar(100) not null,
  constraint t_label_company_id_key unique (company_id, id)
);
create table t_article_label (
  article_id uuid not null references t_article (id),
  label_id uuid not null references t_label (id),
  primary key (article_id, label_id)
);
create table t_shelf (
  id uuid primary key,
  company_id uuid not null,
  store_id uuid not null,
  name varchar(100) not null,
  constraint t_shelf_company_id_key unique (company_id, id),
  constraint t_shelf_store_fk foreign key (company_id, store_id) references tenantry_store (company_id, id)
);
create index t_shelf_company_idx on t_shelf (company_id, store_id);
create table t_shelf_slot (
  shelf_id uuid not null references t_shelf (id),
  slot varchar(100)
);
