-- Verified signup (issue 22, item 2): POST /api/signup creates nothing but this request and mails a one-time
-- link to the address; the company and its owner exist only once the link is opened (POST /api/signup/confirm).
-- The token is kept only as its SHA-256 hash. The table belongs to no company (the entity is
-- @SharedAcrossTenants): only ${system_role} uses it; the application role, which V1_0's default privileges
-- would let in, loses every privilege on it.
create table pos_signup_request (
  id            uuid primary key,
  email         varchar(320) not null,
  company_name  varchar(200) not null,
  token_hash    bytea not null unique,
  created_at    timestamptz not null,
  expires_at    timestamptz not null,
  used_at       timestamptz
);
create index pos_signup_request_email on pos_signup_request (email);
revoke all on pos_signup_request from ${app_role};
