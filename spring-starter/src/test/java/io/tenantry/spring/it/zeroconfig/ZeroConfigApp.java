package io.tenantry.spring.it.zeroconfig;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A new application: the starter, a data source, one entity extending StoreOwned, a repository and a
 * controller. No Tenantry configuration, no security configuration of its own.
 */
@SpringBootApplication
public class ZeroConfigApp {}
