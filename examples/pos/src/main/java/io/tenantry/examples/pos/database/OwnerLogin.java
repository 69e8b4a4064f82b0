package io.tenantry.examples.pos.database;

/**
 * The login migrations run as: {@code spring.datasource.*}, or the embedded server's superuser.
 *
 * @param embedded the embedded server, or {@code null} when a server was configured
 */
record OwnerLogin(String url, String username, String password, EmbeddedServer embedded) implements AutoCloseable {

  @Override
  public void close() throws Exception {
    if (embedded != null) {
      embedded.close();
    }
  }
}
