/**
 * Filter-parameter resolvers that Hibernate instantiates by reflection. Not API.
 */
package io.tenantry.core.model.internal;
