/**
 * Test support for applications built on the starter (needs JUnit 5 and, for the HTTP helpers,
 * spring-test and the resource server's Nimbus on the test class path):
 * <ul>
 *   <li>{@link io.tenantry.spring.test.WithTenant @WithTenant} binds a tenant around each test method;</li>
 *   <li>{@link io.tenantry.spring.test.TestTokens} mints RS256-signed JWTs with tenant claims and gives the
 *       public key to configure the resource server with;</li>
 *   <li>{@link io.tenantry.spring.test.TenantRequests} makes MockMvc requests as a tenant (bearer token),
 *       as a register (register key) and for a store ({@code X-Store-Id}).</li>
 *   <li>{@link io.tenantry.spring.test.TwoCompanies} creates two companies with owners, stores and a register
 *       each (through {@code TenantProvisioning}, so it also serves plain-Hibernate tests) and gives their ids,
 *       contexts and tokens.</li>
 * </ul>
 */
package io.tenantry.spring.test;
