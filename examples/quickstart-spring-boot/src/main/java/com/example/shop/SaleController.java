package com.example.shop;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class SaleController {
  private final SaleRepository sales;

  SaleController(SaleRepository sales) {
    this.sales = sales;
  }

  @GetMapping("/sales")
  List<Sale> list() {
    return sales.findAll();
  }

  @GetMapping("/sales/{id}")
  Sale get(@PathVariable UUID id) {
    return sales.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping("/sales")
  @ResponseStatus(HttpStatus.CREATED)
  Sale create(@RequestBody BigDecimal total) {
    return sales.save(new Sale(total));
  }
}
