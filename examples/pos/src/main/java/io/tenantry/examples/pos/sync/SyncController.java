package io.tenantry.examples.pos.sync;

import io.tenantry.examples.pos.product.Catalog;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Money;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/sync/catalog?since=<cursor>} (register key): the store's products with effective
 * prices; with {@code since}, only those whose price or data changed for this store after it. The
 * cursor is opaque to the register: send back what the last answer said.
 */
@RestController
@RequestMapping("/api/sync")
class SyncController {

  record SyncedProduct(UUID id, String sku, String name, String price) {}

  record CatalogSync(String cursor, List<SyncedProduct> products) {}

  private final Catalog catalog;

  SyncController(Catalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/catalog")
  CatalogSync catalog(@RequestParam(required = false) String since) {
    Caller.requireRegister();
    long cursor = 0;
    if (since != null && !since.isEmpty()) {
      if (!since.matches("[0-9]{1,18}")) {
        throw ApiProblem.badRequest("'since' must be a cursor returned by an earlier sync (digits only).");
      }
      cursor = Long.parseLong(since);
    }
    Catalog.Changes changes = catalog.changesSince(cursor);
    return new CatalogSync(Long.toString(changes.cursor()), changes.products().stream()
        .map(p -> new SyncedProduct(p.id(), p.sku(), p.name(), Money.format(p.price())))
        .toList());
  }
}
