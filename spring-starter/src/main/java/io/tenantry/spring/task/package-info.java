/**
 * The tenant on other threads: {@link io.tenantry.spring.task.TenantTaskDecorator} for the executors
 * Spring Boot builds (and so {@code @Async}),
 * {@link io.tenantry.spring.task.TenantThreadLocalAccessor} for Micrometer context propagation
 * (Reactor, {@code ContextSnapshot}, Spring's {@code ContextPropagatingTaskDecorator}), and
 * {@link io.tenantry.spring.task.TenantJobs} for scheduled work that runs once per company.
 */
package io.tenantry.spring.task;
