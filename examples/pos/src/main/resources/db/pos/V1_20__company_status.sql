-- A company's deactivation (library migration V0_2_0: deactivated_at, deactivation_reason) is platform
-- work: only ${system_role} writes it (TenantProvisioning.deactivateCompany / reactivateCompany). The
-- application role keeps updating the company's other columns (its name) but can no longer reactivate
-- its own company, whatever SQL a bug lets through (the isolation audit warns otherwise).
revoke update on tenantry_company from ${app_role};
grant update (id, name, created_at) on tenantry_company to ${app_role};
