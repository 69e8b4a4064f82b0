/**
 * Companies placed across independent PostgreSQL clusters ("pods"), the second road of scale-out in
 * {@code docs/scale-out.md}.
 *
 * <ul>
 *   <li>{@link io.tenantry.clusters.CompanyDirectory}: which cluster holds which company
 *       ({@link io.tenantry.clusters.JdbcCompanyDirectory} in a table, {@link io.tenantry.clusters.InMemoryCompanyDirectory}
 *       for tests and fixed placements);</li>
 *   <li>{@link io.tenantry.clusters.CompanyClusters}: one pool per cluster, each wrapped in Tenantry's row-level
 *       security; its {@link io.tenantry.clusters.CompanyClusters#dataSource() routing DataSource} hands a bound
 *       tenant connections of its company's cluster only, refuses a company the directory does not know, and runs
 *       system work on the cluster named by {@link io.tenantry.clusters.CompanyClusters#onCluster}; the isolation
 *       audit runs on every cluster;</li>
 *   <li>{@link io.tenantry.clusters.CompanyData}: one company's rows exported, imported, verified (counts and
 *       checksums) and deleted, in foreign-key order, for offboarding and data requests;
 *       {@link io.tenantry.clusters.CompanyMove} moves a company between clusters with them;
 *       {@link io.tenantry.clusters.CompanyDataCli} is the command.</li>
 * </ul>
 * {@code internal} is not API.
 */
package io.tenantry.clusters;
