package io.tenantry.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.core.Tenancy;
import io.tenantry.core.TenantContext;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TenantrySecondPostgres;
import io.tenantry.test.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A company moves from cluster one to cluster two while 8 registers keep selling through the routing DataSource.
 * Each register behaves like the register client: a sale gets its id on the register, waits in an offline queue,
 * and is sent (idempotently: {@code on conflict (id) do nothing}) until the server takes it; a refusal because the
 * company is moving keeps it queued. Afterwards every sale a register made is on cluster two exactly once, and
 * none is left on cluster one.
 */
@TenantryPostgres
@TenantrySecondPostgres
class MoveWhileSellingTest {

  static final int REGISTERS = 8;

  @Test
  void eightRegistersSellDuringTheMoveAndNoSaleIsLostOrDuplicated(TestDatabase one, SecondDatabase second)
      throws Exception {
    TestDatabase two = second.database();
    Pos.create(one);
    Pos.create(two);
    InMemoryCompanyDirectory directory = new InMemoryCompanyDirectory();
    CompanyClusters clusters = CompanyClusters.builder(directory)
        .cluster("one", one.appRole().dataSource(), one.adminDataSource())
        .cluster("two", two.appRole().dataSource(), two.adminDataSource())
        .build();
    UUID company = UUID.randomUUID();
    UUID neighbour = UUID.randomUUID();
    Pos.company(one, company, 3, 5);
    Pos.company(one, neighbour, 2, 2);
    directory.place(company, "one");
    directory.place(neighbour, "one");
    Manifest neighbourBefore = clusters.data("one").manifest(neighbour);

    Set<UUID> made = ConcurrentHashMap.newKeySet();
    AtomicInteger sent = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService registers = Executors.newFixedThreadPool(REGISTERS);
    List<Future<?>> running = new ArrayList<>();
    for (int r = 0; r < REGISTERS; r++) {
      running.add(registers.submit(() -> Tenancy.run(TenantContext.ofCompany(company), () -> {
        ArrayDeque<UUID> offlineQueue = new ArrayDeque<>();
        while (!stop.get() || !offlineQueue.isEmpty()) {
          if (!stop.get() && offlineQueue.size() < 5) {
            UUID sale = UUID.randomUUID();
            made.add(sale);
            offlineQueue.add(sale);
          }
          try {
            send(clusters, company, offlineQueue.peek());
            offlineQueue.poll();
            sent.incrementAndGet();
          } catch (CompanyMovingException e) {
            refused.incrementAndGet();
            pause();
          } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
          }
        }
      })));
    }
    while (sent.get() < 200) {
      pause();
    }
    CompanyMove.Result result = CompanyMove.of(clusters).move(company, "two");
    int afterMove = sent.get();
    while (sent.get() < afterMove + 200) {
      pause();
    }
    stop.set(true);
    for (Future<?> f : running) {
      f.get(60, TimeUnit.SECONDS);
    }
    registers.shutdown();

    assertThat(result.sourceKept()).isNull();
    assertThat(refused.get()).as("sales refused while the company moved").isPositive();
    Set<UUID> onTwo = saleIds(two, company);
    Set<UUID> onOne = saleIds(one, company);
    assertThat(onOne).as("left on the source").isEmpty();
    assertThat(count(two, "select count(*) - count(distinct id) from sale")).isZero();
    Set<UUID> missing = new HashSet<>(made);
    missing.removeAll(onTwo);
    assertThat(missing).as("sales lost").isEmpty();
    assertThat(onTwo).hasSize(made.size() + 5); // the 5 sales of the fixture, and every register's sale once
    assertThat(clusters.data("one").manifest(neighbour)).isEqualTo(neighbourBefore);
  }

  /** One sale, idempotent; a moving company's refusal is thrown as it comes ({@link CompanyMovingException}). */
  static void send(CompanyClusters clusters, UUID company, UUID sale) throws SQLException {
    try (Connection c = clusters.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("insert into sale (id, company_id, total, sold_at)"
          + " values (?, ?, ?, now()) on conflict (id) do nothing")) {
        ps.setObject(1, sale);
        ps.setObject(2, company);
        ps.setBigDecimal(3, new BigDecimal("9.95"));
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  static Set<UUID> saleIds(TestDatabase db, UUID company) throws SQLException {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = db.adminDataSource().getConnection();
        ResultSet rs = c.createStatement().executeQuery("select id from sale where company_id = '" + company + "'")) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  static long count(TestDatabase db, String sql) throws SQLException {
    try (Connection c = db.adminDataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
