package io.tenantry.spring.it.onelogin;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application configured with one login, the owner: Flyway migrates through it (the shipped
 * hierarchy, its table, the generated policies), then the starter creates the application and system
 * roles and serves through them.
 */
@SpringBootApplication
public class OneLoginApp {}
