/**
 * Benchmarks of issue 9: what Tenantry's isolation costs, measured against the alternatives in the same run.
 *
 * <ul>
 *   <li>{@link io.tenantry.benchmarks.RunAll} — the one entry point; writes {@code results/latest.json},
 *       {@code results.md} and {@code chart.svg}.</li>
 *   <li>{@code context} — JMH: binding and reading the tenant against a raw ThreadLocal (and ScopedValue,
 *       compiled on JDK 25+ only).</li>
 *   <li>{@code db} — the PostgreSQL server, the benchmark logins, and the data sets (loaded with
 *       {@code generate_series}, reused across runs when unchanged).</li>
 *   <li>{@code pos} — the point-of-sale work in each variant: {@code plain} (a) hand-written,
 *       {@code tenantid} (b) Hibernate's {@code @TenantId}, {@code scoped} (c)/(d) Tenantry.</li>
 *   <li>{@code harness} — interleaved slices, latency samples, the JDBC trace of round trips.</li>
 *   <li>{@code report} — JSON, Markdown and the SVG chart.</li>
 * </ul>
 *
 * <p>Not a library: nothing here is API, and the module is never deployed.
 */
package io.tenantry.benchmarks;
