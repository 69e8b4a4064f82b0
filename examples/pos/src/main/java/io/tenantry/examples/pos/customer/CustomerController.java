package io.tenantry.examples.pos.customer;

import io.tenantry.examples.pos.web.Input;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/customers}: any member or register of the company. */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

  record NewCustomer(String name, String phone) {}

  record CustomerView(UUID id, String name, String phone, long loyaltyPoints) {
    static CustomerView of(Customer c) {
      return new CustomerView(c.getId(), c.getName(), c.getPhone(), c.getLoyaltyPoints());
    }
  }

  private final Customers customers;

  CustomerController(Customers customers) {
    this.customers = customers;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CustomerView create(@RequestBody NewCustomer body) {
    String name = Input.text(body.name(), "name", 200);
    String phone = Input.optionalText(body.phone(), "phone", 40);
    return CustomerView.of(customers.create(name, phone));
  }

  /** Search by name or phone ({@code q}; empty: the first 50 by name). */
  @GetMapping
  List<CustomerView> search(@RequestParam(defaultValue = "") String q) {
    return customers.search(Input.optionalText(q, "q", 100) == null ? "" : q.strip()).stream()
        .map(CustomerView::of).toList();
  }

  @GetMapping("/{id}")
  CustomerView get(@PathVariable UUID id) {
    return CustomerView.of(customers.get(id));
  }
}
