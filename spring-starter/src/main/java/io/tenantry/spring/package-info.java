/**
 * Tenantry for Spring Boot 4: add {@code tenantry-spring-boot-starter} and every piece switches on
 * by itself, each backing off when the application defines its own bean.
 *
 * <ul>
 *   <li>{@link io.tenantry.spring.autoconfigure} — the auto-configuration classes and
 *       {@code TenantryProperties} ({@code tenantry.*});</li>
 *   <li>{@link io.tenantry.spring.web} — the request filter that binds the caller's tenant,
 *       {@code X-Store-Id}, RFC 9457 error mapping, response headers;</li>
 *   <li>{@link io.tenantry.spring.security} — Spring Security integration: tenant from a verified
 *       JWT, register keys as an authentication, problem-details entry points;</li>
 *   <li>{@link io.tenantry.spring.registerkey} — register API keys: issue, revoke, resolve;</li>
 *   <li>{@link io.tenantry.spring.task} — {@code TaskDecorator}, Micrometer context-propagation
 *       accessor, per-company scheduled jobs;</li>
 *   <li>{@link io.tenantry.spring.cache} — tenant-aware Spring Cache keys;</li>
 *   <li>{@link io.tenantry.spring.actuate} — the {@code tenantry} actuator endpoint.</li>
 * </ul>
 *
 * Test helpers ({@code @WithTenant}, test JWTs, MockMvc helpers, package {@code io.tenantry.spring.test}) are
 * in the separate artifact {@code tenantry-spring-boot-starter-test}.
 *
 * <p>{@code io.tenantry.spring.internal} holds helpers shared by these packages; it is not API.
 * See {@code docs/starter.md} for the quick start and every property.
 */
package io.tenantry.spring;
