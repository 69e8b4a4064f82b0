package io.tenantry.examples.pos.product;

import io.tenantry.core.model.MemberRole;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Money;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/stores/{storeId}/prices/{productId}}: a store's price override. The store in the path
 * must be visible to the caller (an owner: any store of the company; a manager: a granted store);
 * anything else answers 403, the same as a store that does not exist and as {@code X-Store-Id} naming it.
 */
@RestController
@RequestMapping("/api/stores/{storeId}/prices/{productId}")
class PriceController {

  record NewPrice(BigDecimal price) {}

  record PriceView(UUID productId, UUID storeId, String price) {}

  private final Catalog catalog;

  PriceController(Catalog catalog) {
    this.catalog = catalog;
  }

  @PutMapping
  PriceView put(@PathVariable UUID storeId, @PathVariable UUID productId, @RequestBody NewPrice body) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    BigDecimal price = Money.amount(body.price(), "price");
    catalog.setStorePrice(storeId, productId, price);
    return new PriceView(productId, storeId, Money.format(price));
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID storeId, @PathVariable UUID productId) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    catalog.clearStorePrice(storeId, productId);
  }
}
