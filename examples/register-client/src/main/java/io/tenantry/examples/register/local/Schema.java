package io.tenantry.examples.register.local;

import java.util.List;

/**
 * The register database's tables (schema version {@link LocalDatabase#SCHEMA_VERSION}). Money is in cents.
 * {@link #DDL} is version 1 as first released; {@link #MIGRATIONS} take a file from one version to the
 * next, so a new file and an upgraded old one run the same statements and end up alike.
 */
final class Schema {

  static final List<String> TABLES = List.of("product", "register_identity", "sale", "sale_line", "sync_state");

  static final List<String> DDL = List.of(
      """
      create table register_identity (
        singleton      integer primary key check (singleton = 1),
        server_url     text not null,
        register_key   text not null,
        store_id       text not null,
        store_name     text not null,
        register_id    text,
        initialised_at text not null
      )""",
      """
      create table sync_state (
        singleton         integer primary key check (singleton = 1),
        cursor            text,
        tax_rate          text,
        last_sync_at      text,
        last_sync_changes integer not null default 0
      )""",
      """
      create table product (
        id          text primary key,
        sku         text not null unique,
        name        text not null,
        price_cents integer not null check (price_cents >= 0)
      )""",
      """
      create table sale (
        seq                   integer primary key autoincrement,
        client_sale_id        text not null unique,
        created_at            text not null,
        status                text not null check (status in ('pending', 'pushed', 'rejected')),
        tax_rate              text not null,
        local_subtotal_cents  integer not null,
        local_tax_cents       integer not null,
        local_total_cents     integer not null,
        server_sale_id        text unique,
        server_subtotal_cents integer,
        server_tax_cents      integer,
        server_total_cents    integer,
        server_answer         integer,
        pushed_at             text,
        rejection             text,
        check ((status = 'pushed') = (server_sale_id is not null)),
        check ((status = 'rejected') = (rejection is not null))
      )""",
      "create index sale_by_status on sale(status, seq)",
      """
      create table sale_line (
        sale_seq               integer not null references sale(seq),
        line_no                integer not null,
        product_id             text not null,
        sku                    text not null,
        name                   text not null,
        quantity               integer not null check (quantity between 1 and 10000),
        unit_price_cents       integer not null,
        server_unit_price_cents integer,
        primary key (sale_seq, line_no)
      )""");

  /**
   * {@code MIGRATIONS.get(n - 1)} takes version n to n + 1. Version 2: the sale's customer (a company-level
   * customer the POS knows; null for a sale without one), with the name and points balance the
   * lookup showed, for the receipt only: the server re-checks the customer and awards the points.
   */
  static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          "alter table sale add column customer_id text",
          "alter table sale add column customer_name text",
          "alter table sale add column customer_points integer"));

  private Schema() {}
}
