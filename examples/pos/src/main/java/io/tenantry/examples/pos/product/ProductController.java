package io.tenantry.examples.pos.product;

import io.tenantry.core.model.MemberRole;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import io.tenantry.examples.pos.web.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/products}: the catalog with the caller's effective prices. */
@RestController
@RequestMapping("/api/products")
class ProductController {

  record NewProduct(String sku, String name, BigDecimal basePrice) {}

  record EditedProduct(String name, BigDecimal basePrice) {}

  record ProductView(UUID id, String sku, String name, String basePrice, String price) {
    static ProductView of(Catalog.Priced p) {
      return new ProductView(p.id(), p.sku(), p.name(), Money.format(p.basePrice()), Money.format(p.price()));
    }
  }

  private final Catalog catalog;

  ProductController(Catalog catalog) {
    this.catalog = catalog;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  ProductView create(@RequestBody NewProduct body) {
    Caller.requireRole(MemberRole.OWNER);
    String sku = Input.text(body.sku(), "sku", 64);
    String name = Input.text(body.name(), "name", 200);
    BigDecimal price = Money.amount(body.basePrice(), "basePrice");
    return ProductView.of(catalog.create(sku, name, price));
  }

  /** Renames a product and sets its base price (owner); the SKU stays, store overrides stay. */
  @PutMapping("/{id}")
  ProductView edit(@PathVariable UUID id, @RequestBody EditedProduct body) {
    Caller.requireRole(MemberRole.OWNER);
    String name = Input.text(body.name(), "name", 200);
    BigDecimal price = Money.amount(body.basePrice(), "basePrice");
    return ProductView.of(catalog.edit(id, name, price));
  }

  @GetMapping
  List<ProductView> list() {
    return catalog.list().stream().map(ProductView::of).toList();
  }

  @GetMapping("/{id}")
  ProductView get(@PathVariable UUID id) {
    return ProductView.of(catalog.get(id));
  }
}
