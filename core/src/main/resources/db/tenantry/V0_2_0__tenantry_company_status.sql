-- Tenantry: a company can be deactivated (its users cannot sign in, its registers are refused) and
-- reactivated. Platform work: only the system login may write these columns. The application role
-- updates the other columns of tenantry_company only (column privileges, TenantryRoles.sql); the
-- isolation audit warns when it can write them.
alter table tenantry_company
  add column deactivated_at timestamp(6) with time zone,
  add column deactivation_reason varchar(500);
