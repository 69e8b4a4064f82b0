package io.tenantry.spring.it.app;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Written the way applications are written, including the risky shortcuts (entity as request body). */
@RestController
@RequestMapping("/products")
class ProductController {

  private static final Logger LOG = LoggerFactory.getLogger(ProductController.class);

  private final ProductRepository products;
  private final ProductCounts counts;
  private final EntityManager entityManager;

  ProductController(ProductRepository products, ProductCounts counts, EntityManager entityManager) {
    this.products = products;
    this.counts = counts;
    this.entityManager = entityManager;
  }

  @GetMapping
  List<Product> list() {
    LOG.info("listing products");
    return products.findAll(Sort.by("name"));
  }

  @GetMapping("/{id}")
  Product get(@PathVariable UUID id) {
    return products.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Product create(@RequestBody Product product) {
    LOG.info("creating product {}", product.getName());
    return products.save(product);
  }

  @PutMapping("/{id}/name")
  @Transactional
  Product rename(@PathVariable UUID id, @RequestBody String name) {
    Product product = entityManager.getReference(Product.class, id);
    product.setName(name);
    return product;
  }

  @PostMapping("/{id}/move")
  Map<String, Integer> move(@PathVariable UUID id, @RequestBody Map<String, UUID> body) {
    return Map.of("moved", products.moveToStore(id, body.get("storeId")));
  }

  @GetMapping("/count")
  long count() {
    return counts.count();
  }
}
