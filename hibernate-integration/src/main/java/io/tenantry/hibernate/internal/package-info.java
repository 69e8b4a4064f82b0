/**
 * Machinery of the Hibernate integration: the service-loaded integrator and the listener that
 * guards writes and loads. Not API.
 */
package io.tenantry.hibernate.internal;
