/**
 * The reference POS with tenant isolation off, built by the benchmark itself: nothing here is part of the POS or
 * of the library, and neither has a setting that does what this package does.
 *
 * <p>{@link io.tenantry.benchmarks.app.PosProcess} starts the <em>same</em> POS jar for the "isolation off" side of
 * the {@code pos_sales_isolation_on_vs_off} ratio with this package added to its class path (Spring Boot's
 * {@code PropertiesLauncher} and {@code -Dloader.path}, see {@link IsolationOffClassPath}), where Spring Boot's
 * auto-configuration finds {@link IsolationOffConfiguration}. Its {@link IsolationOffPostProcessor}
 * <ul>
 *   <li>replaces the POS's row-level-security DataSource ({@code TenantryRls.dataSource}) by a plain pool on the
 *       <em>owner</em> login, refused unless that login is superuser or BYPASSRLS: no {@code set_config}, no JDBC
 *       wrappers, no policy evaluated (the policies are FORCEd, so any other login would see nothing);</li>
 *   <li>gives Hibernate {@link UnscopedPersisterFactory}, which builds Hibernate's standard persisters, so no
 *       tenant condition is added to any query;</li>
 *   <li>turns the start-up isolation audit off (it would rightly report that requests bypass the policies).</li>
 * </ul>
 * What stays: the tenant binding from the credentials, Tenantry's company stamp and {@code TenantGuard} stamping
 * and checking inserts and loaded rows, and the register-key lookup (system access). Any company then sees every
 * company's rows wherever a query relies on scoping: the benchmark runs it on a database of one company only, and
 * the instance logs a banner that the benchmark checks. {@code PosIsolationOffTest} proves both walls are down.
 */
package io.tenantry.benchmarks.app.isolationoff;
