package io.tenantry.test.internal;

import io.tenantry.test.TestDatabase;

/** One place a PostgreSQL server may come from. */
interface Candidate {

  TestDatabase.Source source();

  /** Why this source cannot be tried here, or {@code null} when it can. Must be fast and quiet. */
  String whyUnavailable();

  /** Starts or connects to the server. */
  PostgresServer start() throws Exception;

  /** Whether a failure to start ends the search: true when the user asked for this source explicitly. */
  default boolean explicit() {
    return false;
  }
}
