-- Tenantry: register API keys (X-Register-Key), shipped by tenantry-spring-boot-starter.
-- Apply after V0_1_0__tenantry_hierarchy.sql (same Flyway location: classpath:db/tenantry).
--  * only the SHA-256 hash of a key is stored (32 bytes), never the key;
--  * a key belongs to one register; the composite foreign key includes company_id and store_id, so a
--    key can never point to a register of another company or store, and deleting the register
--    deletes its keys;
--  * key_hash is unique across companies on purpose: a request is matched to its key before any
--    tenant is known. Hashes of 256-bit random keys never collide, so the constraint reveals nothing
--    about other companies (THREATS 14); every other constraint includes company_id.

create table tenantry_register_key (
  id            uuid primary key,
  company_id    uuid not null,
  store_id      uuid not null,
  register_id   uuid not null,
  key_hash      bytea not null check (octet_length(key_hash) = 32),
  created_at    timestamp(6) with time zone not null default now(),
  revoked_at    timestamp(6) with time zone,
  last_seen_at  timestamp(6) with time zone,
  constraint tenantry_register_key_register_fk foreign key (company_id, store_id, register_id)
    references tenantry_register (company_id, store_id, id) on delete cascade,
  constraint tenantry_register_key_company_id_key unique (company_id, id),
  constraint tenantry_register_key_hash_key unique (key_hash)
);
create index tenantry_register_key_register_idx on tenantry_register_key (company_id, store_id, register_id);
