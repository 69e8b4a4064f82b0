/**
 * Accounts: signup (a new company and its owner), login (a JWT with the tenant claims the starter
 * reads), {@code /api/me}, and the users an owner adds with their store grants. Logins are global
 * ({@code UserAccount}); what a user may do in a company is a {@code Membership}, tenant data. Signup
 * and login are the two places that cross tenants, each in one {@code @PlatformAccess} method.
 */
package io.tenantry.examples.pos.account;
