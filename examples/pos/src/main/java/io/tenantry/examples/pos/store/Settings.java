package io.tenantry.examples.pos.store;

import io.tenantry.core.Tenancy;
import io.tenantry.hibernate.TenantSettings;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The POS settings, each defined for the company and overridable per store (and register), resolved
 * for the bound tenant in one query by {@link TenantSettings}.
 */
@Service
public class Settings {

  /** Sales tax as a fraction, e.g. {@code 0.0825}. */
  public static final String TAX_RATE = "tax.rate";
  /** The last line of a receipt. */
  public static final String RECEIPT_FOOTER = "receipt.footer";

  /** The values that apply to the bound tenant. */
  public record Values(BigDecimal taxRate, String receiptFooter) {}

  @PersistenceContext
  private EntityManager em;

  /** Resolves both settings for the bound tenant: register, then store, then company. */
  @Transactional(readOnly = true)
  public Values current() {
    Map<String, String> values = TenantSettings.resolveAll(em, List.of(TAX_RATE, RECEIPT_FOOTER));
    return new Values(new BigDecimal(values.getOrDefault(TAX_RATE, "0")), values.getOrDefault(RECEIPT_FOOTER, ""));
  }

  /** Defines values at company level (no store selected) or for the selected store. */
  @Transactional
  public void define(BigDecimal taxRate, String receiptFooter) {
    TenantSettings.Level level = Tenancy.current().storeId().isPresent()
        ? TenantSettings.Level.STORE : TenantSettings.Level.COMPANY;
    if (taxRate != null) {
      TenantSettings.define(em, level, TAX_RATE, taxRate.toPlainString());
    }
    if (receiptFooter != null) {
      TenantSettings.define(em, level, RECEIPT_FOOTER, receiptFooter);
    }
  }
}
