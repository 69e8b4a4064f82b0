package io.tenantry.clusters;

import io.tenantry.hibernate.rls.IsolationAudit;
import io.tenantry.test.TestDatabase;
import java.util.UUID;

/** A small POS schema with row-level security, the same on every cluster, and rows for a company. */
final class Pos {

  static final String SCHEMA = """
      create table tenantry_company (id uuid primary key, name text not null);
      create table product (id uuid primary key, company_id uuid not null references tenantry_company (id),
        name text not null, price numeric(10, 2) not null, tags text[], unique (company_id, id));
      create table sale (id uuid primary key, company_id uuid not null references tenantry_company (id),
        total numeric(10, 2) not null, sold_at timestamptz not null, note text, unique (company_id, id));
      create table sale_line (id uuid primary key, company_id uuid not null, sale_id uuid not null,
        product_id uuid not null, quantity int not null, unique (company_id, id),
        foreign key (company_id, sale_id) references sale (company_id, id),
        foreign key (company_id, product_id) references product (company_id, id));
      create table card_sale (id uuid primary key references sale (id), card_last4 text not null);
      """;

  private Pos() {
  }

  /** Creates the schema and its policies, as the admin (owner) of the database. */
  static void create(TestDatabase db) {
    db.execute(SCHEMA);
    db.execute(IsolationAudit.of(db.adminDataSource()).policySql(null));
  }

  /** Inserts a company with {@code products} products and {@code sales} card sales of two lines each. */
  static void company(TestDatabase db, UUID company, int products, int sales) {
    db.execute("insert into tenantry_company values ('" + company + "', 'Company ''" + company + "'' \\ \t x')");
    db.execute("insert into product (id, company_id, name, price, tags) select gen_random_uuid(), '" + company
        + "', 'product ' || g || E' with\\nnewline, \"quote\" and \\\\ backslash', g * 1.25, array['a' || g, null]"
        + " from generate_series(1, " + products + ") g");
    db.execute("insert into sale (id, company_id, total, sold_at, note) select gen_random_uuid(), '" + company
        + "', g * 3.5, timestamptz '2026-12-06 10:00:00+01' + g * interval '1 minute', case when g % 2 = 0 then"
        + " null else 'note ' || g end from generate_series(1, " + sales + ") g");
    db.execute("insert into sale_line (id, company_id, sale_id, product_id, quantity) select gen_random_uuid(), s.company_id,"
        + " s.id, (select p.id from product p where p.company_id = s.company_id order by p.price limit 1 offset q - 1), q"
        + " from sale s, generate_series(1, 2) q where s.company_id = '" + company + "'");
    db.execute("insert into card_sale select id, lpad((row_number() over ())::text, 4, '0') from sale"
        + " where company_id = '" + company + "'");
  }
}
