package io.tenantry.examples.pos.database;

import io.tenantry.clusters.CompanyMove;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Where companies live: one database (the default), or several PostgreSQL clusters ({@code pos.database.clusters},
 * {@code tenantry-clusters}). The few places that create companies or must see every company ask this; everything
 * else runs as one company, and the DataSource sends it to its company's cluster.
 *
 * <p>On several clusters, the home cluster ({@code spring.datasource.*}) holds the global tables: the logins
 * ({@code tenantry_user_account}: e-mail, password hash), the signup requests, the register-key directory and the
 * company directory. A company's cluster holds its rows, and a copy of the id and e-mail of each login that is a
 * member of it ({@link #shareLogin}), without the password hash: its memberships reference the login, and its
 * members' e-mails are read as the company.
 */
public interface Clusters extends AutoCloseable {

  /**
   * Creates a company: runs {@code creation} (system work that inserts the company's row and returns its id) on the
   * cluster new companies go to, and places the company there.
   *
   * @param creation the system work, in a transaction of its own
   * @return the new company's id
   */
  UUID createCompany(Supplier<UUID> creation);

  /**
   * Runs work (system work, a transaction of its own) once on each cluster and returns every result, home first.
   *
   * @param work the work
   * @param <T> the result type
   * @return the results of every cluster
   */
  <T> List<T> onEachCluster(Supplier<List<T>> work);

  /**
   * Gives a company's cluster the id and e-mail of a login (created on the home cluster) before the login becomes a
   * member of the company. Nothing to do on one database, or when the company is on the home cluster.
   *
   * @param companyId the company the login joins
   * @param userId the login
   * @param email its e-mail
   */
  void shareLogin(UUID companyId, UUID userId, String email);

  /**
   * Moves a company to another cluster while it keeps working ({@code CompanyMove}: its requests are answered 503
   * with {@code Retry-After} while it copies): first gives the target the logins of the company's members
   * ({@link #shareLogin}), which its memberships reference; once the source's copy of the company is deleted, deletes
   * there (unless it is the home cluster, where the logins themselves live) the copies of those logins that no
   * membership and no waiting invitation on that cluster references any more.
   *
   * @param companyId the company
   * @param target the cluster's name
   * @return what was moved
   * @throws IllegalStateException on one database, or when the move failed (then nothing changed)
   */
  CompanyMove.Result move(UUID companyId, String target);

  /** The DataSource of the application, over the app and system pools of the home cluster. */
  DataSource dataSource(DataSource app, DataSource system);

  /** After the migrations: places the home cluster's companies that the company directory does not know. */
  void placeUnplacedCompanies();

  @Override
  void close();
}
