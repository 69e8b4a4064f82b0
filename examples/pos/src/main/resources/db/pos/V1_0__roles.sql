-- The two roles the POS connects as; the owner login running this migration owns every table.
--  * ${app_role}: serves every request. LOGIN, NOSUPERUSER, NOBYPASSRLS, owns nothing, so row-level
--    security applies to all it does.
--  * ${system_role}: the login of Tenancy.asSystem work (signup, login, register-key lookup, demo data);
--    also NOBYPASSRLS: the generated policies name it explicitly.
-- Role names are Flyway placeholders (pos.database.app-role / system-role). Passwords are set after
-- the migration (RolePasswords) unless configured. Roles are cluster-wide: created only when missing.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = '${app_role}') then
    create role ${app_role} login nosuperuser nobypassrls nocreatedb nocreaterole noinherit noreplication;
  end if;
  if not exists (select 1 from pg_roles where rolname = '${system_role}') then
    create role ${system_role} login nosuperuser nobypassrls nocreatedb nocreaterole noinherit noreplication;
  end if;
  execute format('grant connect on database %I to ${app_role}, ${system_role}', current_database());
end
$$;

grant usage on schema public to ${app_role}, ${system_role};
grant select, insert, update, delete on all tables in schema public to ${app_role}, ${system_role};
-- tables created by later migrations (run by the same owner) get the same privileges
alter default privileges in schema public grant select, insert, update, delete on tables to ${app_role}, ${system_role};
