/**
 * The demo: on the first start against an empty database (and {@code pos.demo.enabled}, default
 * true) two companies are created through the same services the API uses, and the login hints are
 * printed at every start.
 */
package io.tenantry.examples.pos.demo;
