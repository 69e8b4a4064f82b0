package io.tenantry.spring.it.app;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reachable without authentication, so tenant data is touched with no tenant bound. */
@RestController
class PublicController {

  private final ProductRepository products;

  PublicController(ProductRepository products) {
    this.products = products;
  }

  @GetMapping("/public/products")
  List<Product> products() {
    return products.findAll();
  }
}
