/**
 * ArchUnit rules that fail an application's build when its code reaches data around Tenantry's
 * tenant scoping. Needs {@code com.tngtech.archunit:archunit} (or {@code archunit-junit5}) on the
 * application's test class path; Tenantry declares it optional.
 *
 * <p>A guided tour:
 * <ul>
 *   <li>{@link io.tenantry.core.archunit.TenantryRules} — the only public type: one constant or
 *       factory per rule and {@code all()} to add them together. Start there.</li>
 *   <li>The exceptions an application may declare live elsewhere, next to the code they excuse:
 *       {@link io.tenantry.core.model.SharedAcrossTenants} (a global entity),
 *       {@link io.tenantry.core.UnscopedAccess} (native SQL), and the places allowed to call
 *       {@code Tenancy.asSystem} and to create a {@code TenantContext}, given to
 *       {@code TenantryRules.all(...)}.</li>
 *   <li>Everything else here is package-private machinery: {@code Library} (which packages are
 *       Tenantry's own and therefore skipped), {@code ScopedTypes} and
 *       {@code RepositoryDomainTypes} (what counts as scoped; a repository's entity from its type
 *       arguments), {@code Exemptions} (how an annotation on a method or class covers its lambdas
 *       and nested classes), {@code ClassFileConstants} (string constants javac copied into a
 *       class, which ArchUnit's model lacks), and the {@code ArchCondition}s ({@code PlacesCondition}
 *       serves both place rules).</li>
 * </ul>
 *
 * <p>The rules refer to Spring, Jakarta Persistence, Hibernate and JDBC types by name, so this
 * package adds no dependency on them. The user guide is {@code docs/archunit.md}.
 */
package io.tenantry.core.archunit;
