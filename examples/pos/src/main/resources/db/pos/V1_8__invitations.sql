-- Invitations (issue 22, item 2): an owner invites an e-mail address into the company with a role and store
-- grants; the person accepts with the one-time token sent to that address and sets their own password (or,
-- with an account already, proves it with theirs). The token is kept only as its SHA-256 hash. Company data:
-- row-level security in V1_9 (generated); the table privileges come from V1_0's default privileges.
create table pos_invitation (
  id           uuid primary key,
  company_id   uuid not null references tenantry_company (id) on delete cascade,
  email        varchar(320) not null,
  role         varchar(16) not null check (role in ('MANAGER', 'CASHIER')),
  store_ids    varchar(4000) not null,
  token_hash   bytea not null,
  invited_by   uuid not null,
  created_at   timestamptz not null,
  expires_at   timestamptz not null,
  accepted_at  timestamptz,
  constraint pos_invitation_company_id_key unique (company_id, id),
  -- unique within the company (a unique index across companies would reveal another company's value);
  -- the tokens are 256 random bits, so no two companies share one either
  constraint pos_invitation_token_hash_key unique (company_id, token_hash)
);
-- accepting looks the token up before the company is known
create index pos_invitation_token_hash on pos_invitation (token_hash);
create index pos_invitation_company_email on pos_invitation (company_id, email);
