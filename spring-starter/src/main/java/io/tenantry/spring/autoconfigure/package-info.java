/**
 * Spring Boot auto-configuration of Tenantry, listed in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}, and its
 * properties ({@link io.tenantry.spring.autoconfigure.TenantryProperties}, prefix {@code tenantry}).
 *
 * <p>Each class is conditions and bean methods only; the behaviour lives in the feature packages.
 * Every bean backs off when the application defines its own (see each class for the exact condition).
 */
package io.tenantry.spring.autoconfigure;
