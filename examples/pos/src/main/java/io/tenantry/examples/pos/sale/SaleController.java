package io.tenantry.examples.pos.sale;

import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/sales}: registers record sales; members and registers read those they may see. */
@RestController
@RequestMapping("/api/sales")
class SaleController {

  record NewLine(UUID productId, Integer quantity) {}

  record NewSale(String clientSaleId, UUID customerId, List<NewLine> lines) {}

  static final int MAX_LINES = 500;

  private final SaleService sales;

  SaleController(SaleService sales) {
    this.sales = sales;
  }

  /** 201 with the new sale, or 200 with the sale an earlier request with this clientSaleId made. */
  @PostMapping
  ResponseEntity<SaleService.SaleView> record(@RequestBody NewSale body) {
    Caller.requireRegister();
    String clientSaleId = Input.text(body.clientSaleId(), "clientSaleId", 64);
    if (body.lines() == null || body.lines().isEmpty()) {
      throw ApiProblem.badRequest("'lines' needs at least one line.");
    }
    if (body.lines().size() > MAX_LINES) {
      throw ApiProblem.badRequest("'lines' has " + body.lines().size() + " lines; at most " + MAX_LINES + " are allowed.");
    }
    List<SaleService.Line> lines = new ArrayList<>();
    for (int i = 0; i < body.lines().size(); i++) {
      NewLine line = body.lines().get(i);
      if (line == null) {
        throw ApiProblem.badRequest("'lines[" + i + "]' must be an object with productId and quantity.");
      }
      lines.add(new SaleService.Line(Input.required(line.productId(), "lines[" + i + "].productId"),
          Input.range(line.quantity(), "lines[" + i + "].quantity", 1, 10_000)));
    }
    SaleService.Recorded recorded = sales.record(clientSaleId, body.customerId(), lines);
    return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK).body(recorded.sale());
  }

  @GetMapping("/{id}")
  SaleService.SaleView get(@PathVariable UUID id) {
    return sales.get(id);
  }
}
