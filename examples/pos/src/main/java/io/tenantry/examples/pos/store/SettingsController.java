package io.tenantry.examples.pos.store;

import io.tenantry.core.Tenancy;
import io.tenantry.core.model.MemberRole;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import java.math.BigDecimal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/settings}: tax rate and receipt footer. {@code GET} answers what applies to the caller
 * (the selected store's or register's value, else the company's). {@code PUT} sets the company value
 * (owner, no store selected) or the selected store's ({@code X-Store-Id}; owner or manager).
 */
@RestController
@RequestMapping("/api/settings")
class SettingsController {

  record SettingsView(String taxRate, String receiptFooter) {}

  record NewSettings(BigDecimal taxRate, String receiptFooter) {}

  private final Settings settings;

  SettingsController(Settings settings) {
    this.settings = settings;
  }

  @GetMapping
  SettingsView get() {
    Settings.Values v = settings.current();
    return new SettingsView(v.taxRate().toPlainString(), v.receiptFooter());
  }

  @PutMapping
  SettingsView put(@RequestBody NewSettings body) {
    if (Tenancy.current().storeId().isPresent()) {
      Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    } else {
      Caller.requireRole(MemberRole.OWNER);
    }
    BigDecimal rate = body.taxRate();
    if (rate != null && (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) >= 0 || rate.scale() > 6)) {
      throw ApiProblem.badRequest("'taxRate' is a fraction from 0 to below 1 with at most 6 decimals, e.g. 0.0825.");
    }
    String footer = body.receiptFooter() == null ? null : Input.optionalText(body.receiptFooter(), "receiptFooter", 500);
    settings.define(rate, footer == null && body.receiptFooter() != null ? "" : footer);
    return get();
  }
}
