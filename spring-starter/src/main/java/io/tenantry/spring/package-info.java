/**
 * Spring Boot auto-configuration for Tenantry. Not built yet: the module exists so that the build
 * layout is final; request tenant resolution, async propagation, caches and actuator support arrive
 * with the starter issue. Until then, applications wire {@code tenantry-hibernate} themselves.
 */
package io.tenantry.spring;
