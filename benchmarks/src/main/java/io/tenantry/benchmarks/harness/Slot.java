package io.tenantry.benchmarks.harness;

import io.tenantry.benchmarks.db.Shape;
import io.tenantry.benchmarks.pos.PosWorkload;

/**
 * One contestant of the interleaved run: a variant on one data set, with its own pool and session factory.
 *
 * @param key short stable id used in results ({@code a}, {@code d}, {@code d@10} ...)
 * @param label what it is, for tables and the chart
 */
public record Slot(String key, String label, Shape shape, PosWorkload workload) {}
