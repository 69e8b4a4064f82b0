package io.tenantry.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Small HikariCP pools: tests need a few connections, and many classes share one server. */
final class Pools {

  static final int MAX_SIZE = 4;

  private Pools() {
  }

  static HikariDataSource open(String poolName, String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(poolName);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password.isEmpty() ? null : password);
    config.setMaximumPoolSize(MAX_SIZE);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }
}
