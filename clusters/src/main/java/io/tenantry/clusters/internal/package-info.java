/** Not API: the catalog reading behind company export, import and delete. */
package io.tenantry.clusters.internal;
