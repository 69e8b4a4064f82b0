-- Credentials outside the application role's reach (THREATS 33, 30).
--  * tenantry_user_account holds every company's logins. V1_6 put it behind row-level security (a login
--    is visible only through a membership of the bound company); here the application role also loses
--    the password hashes: it reads id and email only, and may still add logins and set hashes (insert and
--    update need no select on the column). Login and the "is this e-mail taken" check run as
--    ${system_role} (Tenancy.asSystem in Accounts), which keeps full select.
revoke select on tenantry_user_account from ${app_role};
grant select (id, email) on tenantry_user_account to ${app_role};

-- Temporary tables live as long as a connection, and a pooled connection serves another tenant next:
-- neither role needs them. Only the database owner may revoke PostgreSQL's default grant to PUBLIC.
do $$
begin
  if pg_has_role(current_user, (select datdba from pg_database where datname = current_database()), 'USAGE') then
    execute format('revoke temporary on database %I from public', current_database());
  else
    raise notice 'Not the owner of database %: revoke temporary on it from public as its owner (the isolation audit warns until then)',
      current_database();
  end if;
end
$$;
