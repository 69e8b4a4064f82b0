/**
 * Helpers shared by the starter's packages. Not API: names and signatures may change in any release.
 */
package io.tenantry.spring.internal;
