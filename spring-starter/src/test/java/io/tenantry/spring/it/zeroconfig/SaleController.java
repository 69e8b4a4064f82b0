package io.tenantry.spring.it.zeroconfig;

import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/sales")
class SaleController {

  private final SaleRepository sales;

  SaleController(SaleRepository sales) {
    this.sales = sales;
  }

  @GetMapping
  List<Sale> list() {
    return sales.findAll();
  }

  @GetMapping("/{id}")
  Sale get(@PathVariable UUID id) {
    return sales.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Sale create(@RequestBody Sale sale) {
    return sales.save(sale);
  }
}
